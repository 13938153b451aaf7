/** Per-tenant storage accounting: usage counters kept by the writing scripts, the quota check, the usage gauge. */
package io.tenancycore.commons.storage;
