/**
 * Queries: typed conditions, sort keys, offset and keyset pages, raw SQL with named parameters.
 */
package org.alchemiststack.query;
