/** Bearer-token verification shared by every service: a bounded cache of verified tokens in front of smallrye-jwt. */
package io.tenancycore.commons.token;
