/**
 * The bank as an HTTP JSON service on the JDK's built-in server ({@code --serve PORT}).
 */
package org.alchemiststack.demo.http;
