import type { Schema, Struct } from '@strapi/strapi';

export interface PageSection extends Struct.ComponentSchema {
  collectionName: 'components_page_sections';
  info: {
    description: 'A section of a page: a heading and its text (paragraphs separated by an empty line)';
    displayName: 'Abschnitt';
  };
  attributes: {
    body: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 20000;
      }>;
    heading: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
  };
}

export interface ProjectContactPerson extends Struct.ComponentSchema {
  collectionName: 'components_project_contact_person';
  info: {
    description: 'Contact person published with the project';
    displayName: 'Ansprechperson';
  };
  attributes: {
    address: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 500;
      }>;
    email: Schema.Attribute.Email;
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
    organisation: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    phone: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 60;
      }>;
    role: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
  };
}

export interface ProjectTargetGroup extends Struct.ComponentSchema {
  collectionName: 'components_project_target_group';
  info: {
    description: 'One target group of a project (a component so that it can be filtered)';
    displayName: 'Zielgruppe';
  };
  attributes: {
    group: Schema.Attribute.Enumeration<
      [
        'gefluechtete',
        'neuzugewanderte',
        'eu_zugewanderte',
        'kinder',
        'jugendliche',
        'frauen',
        'familien',
        'aeltere',
        'arbeitsuchende',
        'nachbarschaft',
        'ehrenamtliche',
        'fachkraefte_verwaltung',
      ]
    > &
      Schema.Attribute.Required;
  };
}

export interface WorkshopProgrammeItem extends Struct.ComponentSchema {
  collectionName: 'components_workshop_programme_item';
  info: {
    description: '';
    displayName: 'Programmpunkt';
  };
  attributes: {
    speakers: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 1000;
      }>;
    time: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 40;
      }>;
    title: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
  };
}

export interface WorkshopRegistration extends Struct.ComponentSchema {
  collectionName: 'components_workshop_registration';
  info: {
    description: '';
    displayName: 'Anmeldung';
  };
  attributes: {
    capacity: Schema.Attribute.Integer &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      >;
    deadline: Schema.Attribute.DateTime;
    open: Schema.Attribute.Boolean & Schema.Attribute.DefaultTo<false>;
    url: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 500;
      }>;
  };
}

export interface WorkshopVenue extends Struct.ComponentSchema {
  collectionName: 'components_workshop_venue';
  info: {
    description: '';
    displayName: 'Veranstaltungsort';
  };
  attributes: {
    address: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 500;
      }>;
    city: Schema.Attribute.Relation<'oneToOne', 'api::city.city'>;
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'page.section': PageSection;
      'project.contact-person': ProjectContactPerson;
      'project.target-group': ProjectTargetGroup;
      'workshop.programme-item': WorkshopProgrammeItem;
      'workshop.registration': WorkshopRegistration;
      'workshop.venue': WorkshopVenue;
    }
  }
}
