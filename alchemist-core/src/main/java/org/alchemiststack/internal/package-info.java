/**
 * Implementation of alchemist-stack. Nothing in {@code org.alchemiststack.internal} or its sub-packages is API: it is
 * public only because Java needs it to be, and it changes without notice between releases.
 */
package org.alchemiststack.internal;
