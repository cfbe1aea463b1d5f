import { winston, formats } from '@strapi/logger';

// Level from LOG_LEVEL (default "http": one line per request); tests and benchmarks set "warn".
export default {
  transports: [
    new winston.transports.Console({
      level: process.env.LOG_LEVEL ?? 'http',
      format: winston.format.combine(
        formats.levelFilter(process.env.LOG_LEVEL ?? 'http'),
        formats.prettyPrint({ timestamps: 'YYYY-MM-DD hh:mm:ss.SSS' }),
      ),
    }),
  ],
};
