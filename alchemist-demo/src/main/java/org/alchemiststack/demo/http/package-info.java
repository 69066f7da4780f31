/**
 * The bank as an HTTP JSON service on Jetty ({@code --serve PORT}).
 */
package org.alchemiststack.demo.http;
