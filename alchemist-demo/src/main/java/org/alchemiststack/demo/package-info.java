/**
 * The bank demo's command line: options, the two load modes ({@code shared-connection} and {@code sessions}), the
 * progress line and the final table. Start at {@link org.alchemiststack.demo.BankDemo}.
 */
package org.alchemiststack.demo;
