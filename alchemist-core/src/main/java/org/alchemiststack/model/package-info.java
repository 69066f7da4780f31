/**
 * Model metadata that dialects and custom value codecs plug into: the kinds of value a field may hold and the codec
 * that moves each kind through JDBC.
 */
package org.alchemiststack.model;
