/** Feature gates: whether a tenant's document grants a feature, read through the cached tenant directory. */
package io.tenancycore.commons.feature;
