package org.odpsexplorer.emulator;

import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.data.Binary;
import com.aliyun.odps.data.Char;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordWriter;
import com.aliyun.odps.data.SimpleStruct;
import com.aliyun.odps.data.Varchar;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.type.StructTypeInfo;
import com.aliyun.odps.type.TypeInfoParser;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The interop tests' table of every type, written with the official SDK: its DDL, two rows of extremes and one all
 * NULL. Shared by the emulator's own tunnel interop test and the test of our SDK against the official one, so both
 * check the same values.
 */
public final class AllTypesRows {
    /** {@code all_types}: one column per type, partitioned by {@code pt} and {@code region}; no trailing semicolon. */
    public static final String DDL = "CREATE TABLE all_types (c_bigint BIGINT, c_int INT, c_smallint SMALLINT,"
            + " c_tinyint TINYINT, c_double DOUBLE, c_float FLOAT, c_boolean BOOLEAN, c_string STRING,"
            + " c_varchar VARCHAR(10), c_char CHAR(5), c_binary BINARY, c_decimal DECIMAL(38,18), c_date DATE,"
            + " c_datetime DATETIME, c_timestamp TIMESTAMP, c_timestamp_ntz TIMESTAMP_NTZ,"
            + " c_array ARRAY<BIGINT>, c_map MAP<STRING,BIGINT>, c_struct STRUCT<x:INT,y:STRING>)"
            + " PARTITIONED BY (pt STRING, region STRING) LIFECYCLE 7";

    private AllTypesRows() {
    }

    /**
     * Uploads rows 0 and 1 ({@link #fill}) and an all-NULL row 2 into {@code spec} of {@code all_types} (which must
     * exist) in one tunnel session, commits, and returns the three records as written.
     */
    public static List<Record> upload(TableTunnel tunnel, String project, PartitionSpec spec) throws Exception {
        TableTunnel.UploadSession up = tunnel.createUploadSession(project, "all_types", spec);
        List<Record> written = new ArrayList<>();
        try (RecordWriter writer = up.openRecordWriter(0)) {
            for (int i = 0; i < 3; i++) {
                Record r = up.newRecord();
                if (i < 2) {
                    fill(r, i);
                } // record 2 stays all NULL
                writer.write(r);
                written.add(r);
            }
        }
        up.commit(new Long[] {0L});
        return written;
    }

    /** Row {@code i} (0 or 1) of extremes for every type: limits, NaN/infinity, non-UTF-8 STRING bytes, nested nulls. */
    public static void fill(Record r, int i) {
        r.setBigint(0, i == 0 ? Long.MAX_VALUE : -Long.MAX_VALUE);
        r.set(1, i == 0 ? Integer.MIN_VALUE : 7);
        r.set(2, (short) (i == 0 ? 32767 : -1));
        r.set(3, (byte) (i == 0 ? -128 : 127));
        r.setDouble(4, i == 0 ? 1.5 : Double.NaN);
        r.set(5, i == 0 ? -0.25f : Float.POSITIVE_INFINITY);
        r.setBoolean(6, i == 0);
        if (i == 0) {
            r.setString(7, "héllo, мир 🎉");
        } else {
            r.setString(7, new byte[] {(byte) 0xff, 0, (byte) 0x80});
        }
        r.set(8, new Varchar(i == 0 ? "vc" : "", 10));
        r.set(9, new Char(i == 0 ? "abcde" : "x", 5));
        r.set(10, new Binary(i == 0 ? new byte[] {0, 1, (byte) 0xff} : new byte[0]));
        r.setDecimal(11, new BigDecimal(i == 0 ? "12345678901234567890.123456789012345678" : "-0.001"));
        r.set(12, i == 0 ? LocalDate.of(1, 1, 1) : LocalDate.of(9999, 12, 31));
        r.set(13, ZonedDateTime.of(2024, 2, 29, 12, 34, 56, 789_000_000, ZoneOffset.UTC));
        r.set(14, i == 0 ? Instant.ofEpochSecond(-1, 999_999_999) : Instant.parse("2024-01-02T03:04:05.123456789Z"));
        r.set(15, LocalDateTime.of(2000, 1, 1, 0, 0, 0, i));
        r.set(16, i == 0 ? Arrays.asList(1L, null, -3L) : List.of());
        Map<String, Long> map = new LinkedHashMap<>();
        if (i == 0) {
            map.put("b", null);
            map.put("a", 1L);
        }
        r.set(17, map);
        StructTypeInfo structType = (StructTypeInfo) TypeInfoParser.getTypeInfoFromTypeString("STRUCT<x:INT,y:STRING>");
        r.set(18, new SimpleStruct(structType, Arrays.asList(i == 0 ? 7 : null, i == 0 ? null : "s")));
    }
}
