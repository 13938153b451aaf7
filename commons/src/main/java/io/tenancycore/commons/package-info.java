/** Cross-cutting code shared by every Tenancy Core service. */
package io.tenancycore.commons;
