/** Listening to the statements and units of work a context runs: the seam for logs, metrics and traces. */
package org.alchemiststack.observe;
