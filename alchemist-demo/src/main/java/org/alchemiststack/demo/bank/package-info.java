/**
 * The bank itself: the {@code Account} and {@code Transfer} models, their repositories on
 * {@link org.alchemiststack.RepositoryBase}, the all-or-nothing transfer and the invariant check. Used by both the load
 * demo and the HTTP service.
 */
package org.alchemiststack.demo.bank;
