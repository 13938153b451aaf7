/**
 * Per-environment settings from {@code config/environments/<env>/core.yaml}, added to every service's configuration
 * by {@link io.tenancycore.commons.config.CoreSettingsConfigSourceFactory} (ordinal 200, below application.yaml) and
 * exposed as {@link io.tenancycore.commons.config.CoreSettings}.
 */
package io.tenancycore.commons.config;
