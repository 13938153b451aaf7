/** Hex digests of text: Redis script ids and compare-and-set guards (SHA-1), versions and fingerprints (SHA-256). */
package io.tenancycore.commons.digest;
