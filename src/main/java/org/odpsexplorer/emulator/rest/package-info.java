/** The REST routes of the API endpoint ({@code protocol/rest.md}): resources, functions, projects and side calls. */
@NullMarked
package org.odpsexplorer.emulator.rest;

import org.jspecify.annotations.NullMarked;
