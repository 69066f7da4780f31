/** The graph-loading benchmark of issue 10: its schema, its systems, its statement counter and its checksum. */
package org.alchemiststack.bench.graph;
