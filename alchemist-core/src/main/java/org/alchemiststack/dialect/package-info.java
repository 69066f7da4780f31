/**
 * Database dialects: one small class per supported database over a shared {@link org.alchemiststack.dialect.Dialect}
 * interface, with error translation by SQLSTATE and vendor code.
 */
package org.alchemiststack.dialect;
