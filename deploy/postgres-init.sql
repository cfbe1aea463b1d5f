-- One PostgreSQL server, one database per service (run once, when the data volume is new).
CREATE DATABASE forum OWNER stadtnetz;
CREATE DATABASE cms OWNER stadtnetz;
