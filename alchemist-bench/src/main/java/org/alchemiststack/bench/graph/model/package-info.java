/** The shapes of the graph benchmark: alchemist-stack models, Hibernate entities, plain objects, records. */
package org.alchemiststack.bench.graph.model;
