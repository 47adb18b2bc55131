package org.odpsexplorer.wire;

/**
 * Header names exactly as they go on the wire. The official Java SDK looks response headers up case-sensitively, so
 * a server must emit these spellings (protocol {@code protocol/rest.md} §4.3); our client reads them case-insensitively.
 */
public final class OdpsHeaders {
    public static final String PREFIX = "x-odps-";
    public static final String REQUEST_ID = "x-odps-request-id";
    public static final String OWNER = "x-odps-owner";
    public static final String CREATION_TIME = "x-odps-creation-time";
    public static final String UPDATOR = "x-odps-updator";
    public static final String COMMENT = "x-odps-comment";
    public static final String RESOURCE_NAME = "x-odps-resource-name";
    public static final String RESOURCE_TYPE = "x-odps-resource-type";
    public static final String RESOURCE_SIZE = "x-odps-resource-size";
    public static final String RESOURCE_IS_TEMP = "x-odps-resource-istemp";
    public static final String RESOURCE_HAS_REMAINING = "x-odps-resource-has-remaining";
    public static final String MERGE_TOTAL_BYTES = "x-odps-resource-merge-total-bytes";
    public static final String COPY_TABLE_SOURCE = "x-odps-copy-table-source";
    public static final String COPY_FILE_SOURCE = "x-odps-copy-file-source";
    public static final String USER_AGENT = "x-odps-user-agent";
    public static final String BEARER_TOKEN = "x-odps-bearer-token";
    public static final String STS_TOKEN = "authorization-sts-token";
    public static final String SCHEMA_NAME = "schema-name";
    public static final String CONTENT_MD5 = "Content-MD5";
    public static final String LAST_MODIFIED = "Last-Modified";

    /** Resource payloads go in parts of at most this many bytes (both official SDKs use 64 MiB). */
    public static final int RESOURCE_CHUNK_SIZE = 64 * 1024 * 1024;
    /** The service's limit for one resource: 2,048 MB. */
    public static final long MAX_RESOURCE_SIZE = 2048L * 1024 * 1024;

    private OdpsHeaders() {
    }
}
