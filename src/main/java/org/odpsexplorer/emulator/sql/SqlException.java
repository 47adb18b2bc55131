package org.odpsexplorer.emulator.sql;

import java.util.Objects;

/**
 * A statement that cannot run. The message is the task result text the clients show, starting with an
 * {@code ODPS-NNNNNNN:} code (PyODPS derives its exception class from it, {@code protocol/instances.md} §5).
 */
public final class SqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SqlException(String resultText) {
        super(resultText);
    }

    /** {@code ODPS-0130161}: outside the supported grammar. */
    public static SqlException parse(String detail) {
        return new SqlException("ODPS-0130161:[1,1] Parse exception - " + detail);
    }

    /** {@code ODPS-0130071}: parsed, but semantically wrong (bad type, wrong partition keys, ...). */
    public static SqlException semantic(String detail) {
        return new SqlException("ODPS-0130071:[1,1] Semantic analysis exception - " + detail);
    }

    /** {@code ODPS-0130131}: the table (or its project) does not exist. */
    public static SqlException tableNotFound(String project, String table) {
        return new SqlException("ODPS-0130131:[1,12] Table not found - table " + project + "." + table
                + " cannot be resolved");
    }

    /** {@code ODPS-0110061}: a DDL task failure such as an existing table or partition. */
    public static SqlException ddl(String detail) {
        return new SqlException("ODPS-0110061:Failed to run ddltask - " + detail);
    }

    /** The message; never null (the result text it was made with). */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }
}
