/**
 * DESIGN's API conventions as code every service shares: lists as {@link io.tenancycore.commons.api.Page} read
 * with a {@link io.tenancycore.commons.api.PageRequest}, and optimistic concurrency through
 * {@link io.tenancycore.commons.api.ETags}. Errors live in {@code commons.error}.
 */
package io.tenancycore.commons.api;
