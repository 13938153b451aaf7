package io.tenancycore.admincli.init;

/** DESIGN's deployment environments (Quarkus profiles and config/environments/{env}). */
public enum Environment {
    dev, staging, prod
}
