package org.odpsexplorer.app.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextContentTest {
    /** A realistic script: MaxCompute SQL with Chinese comments, a few lines, CRLF-free. */
    static final String SIMPLIFIED = """
            -- 统计每日活跃用户数，按渠道汇总
            -- 作者：数据平台组；修改前请先联系负责人
            SELECT channel, COUNT(DISTINCT user_id) AS 活跃用户
            FROM ods_user_log
            WHERE dt = '${bizdate}' AND 状态 = '正常'
            GROUP BY channel;
            """;
    static final String TRADITIONAL = """
            # 設定檔：資料同步作業
            # 請勿在營業時間內修改本檔案，否則會影響報表產生。
            來源資料表 = ods_訂單明細
            目標資料表 = dws_每日營收
            """;
    static final String JAPANESE = """
            # 設定ファイル：日次バッチの入力と出力
            # このファイルを変更する前に、必ず担当者に確認してください。
            入力テーブル = 売上明細
            出力テーブル = 日別売上
            """;
    static final String KOREAN = """
            -- 일별 매출 집계 스크립트
            -- 이 파일을 수정하기 전에 담당자에게 문의하십시오.
            SELECT 지역, SUM(금액) FROM 매출 GROUP BY 지역;
            """;

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static void detectsAndRoundTrips(String text, String charset, TextEncoding expected) {
        byte[] data = text.getBytes(Charset.forName(charset));
        TextContent c = TextContent.of(data);
        assertThat(c.encoding()).as(charset).isEqualTo(expected);
        assertThat(c.guessed()).as(charset + " guessed").isFalse();
        assertThat(c.text()).isEqualTo(text);
        assertThat(c.lossless()).isTrue();
        assertThat(c.toBytes(c.text())).as("unchanged text saves byte for byte").isEqualTo(data);
    }

    @Test
    void legacyChineseJapaneseAndKoreanEncodingsAreDetected() {
        detectsAndRoundTrips(SIMPLIFIED, "GBK", TextEncoding.GBK);
        detectsAndRoundTrips(TRADITIONAL, "Big5", TextEncoding.BIG5);
        detectsAndRoundTrips(JAPANESE, "Shift_JIS", TextEncoding.SHIFT_JIS);
        detectsAndRoundTrips(KOREAN, "EUC-KR", TextEncoding.EUC_KR);
    }

    @Test
    void gb18030FourByteCharactersAreNotGbk() {
        // U+20BB7 (𠮷) and U+1F600 exist only as four-byte GB18030 sequences
        String text = SIMPLIFIED + "-- 姓氏：\uD842\uDFB7 \uD83D\uDE00\n";
        detectsAndRoundTrips(text, "GB18030", TextEncoding.GB18030);
    }

    @Test
    void utf16WithoutBomIsDetectedInBothByteOrders() {
        detectsAndRoundTrips(SIMPLIFIED, "UTF-16LE", TextEncoding.UTF_16LE);
        detectsAndRoundTrips(JAPANESE, "UTF-16BE", TextEncoding.UTF_16BE);
        detectsAndRoundTrips("a\n", "UTF-16LE", TextEncoding.UTF_16LE);
    }

    @Test
    void windows1252IsDetected() {
        String text = "Café déjà vu — naïve résumé, “quoted” façade\nsecond line with € and œ\n";
        detectsAndRoundTrips(text, "windows-1252", TextEncoding.WINDOWS_1252);
    }

    @Test
    void anUnencodableCharacterIsRefusedWithItsPosition() {
        TextContent c = TextContent.of(SIMPLIFIED.getBytes(Charset.forName("GBK")));
        String edited = SIMPLIFIED + "-- ok\n-- smile \uD83D\uDE00 here\n";
        assertThatThrownBy(() -> c.toBytes(edited)).isInstanceOfSatisfying(TextEncoding.UnencodableException.class,
                e -> {
                    assertThat(e.line()).isEqualTo(8);
                    assertThat(e.column()).isEqualTo(10);
                    assertThat(e.index()).isEqualTo(edited.indexOf('\uD83D'));
                    assertThat(e.codePoint()).isEqualTo(0x1F600);
                    assertThat(e.getMessage()).contains("line 8, column 10", "U+1F600", "GBK");
                });
        // the same text fits GB18030: Save with encoding is the way out
        assertThat(c.withEncoding(TextEncoding.GB18030).toBytes(edited))
                .isEqualTo(edited.getBytes(Charset.forName("GB18030")));
    }

    @Test
    void aChosenEncodingThatDoesNotFitIsNotLossless() {
        byte[] gbk = SIMPLIFIED.getBytes(Charset.forName("GBK"));
        assertThat(TextContent.of(gbk, TextEncoding.UTF_8).lossless()).isFalse();
        // "-- " then 统 = CD B3, which UTF-8 happens to accept (U+0373); 计 = BC C6 starts with a continuation byte
        assertThat(TextEncoding.UTF_8.firstUndecodable(gbk)).isEqualTo(5);
        assertThat(TextContent.of(gbk, TextEncoding.GB18030).lossless()).isTrue();
    }

    @Test
    void unsureContentIsAGuessAndControlBytesAreBinary() {
        TextContent guess = TextContent.of(bytes(0xC4, 0xE3, 0xBA, 0xC3, '\n'));
        assertThat(guess.guessed()).isTrue();
        assertThat(guess.lossless()).isTrue();
        assertThat(TextEncoding.detect(bytes(0x80, 0x01, 0x02, 0xFF)).encoding()).isEqualTo(TextEncoding.BINARY);
    }

    @Test
    void plainUtf8IsDetectedAndRoundTrips() {
        byte[] data = "héllo\nwörld\n".getBytes(StandardCharsets.UTF_8);
        TextContent c = TextContent.of(data);
        assertThat(c.encoding()).isEqualTo(TextEncoding.UTF_8);
        assertThat(c.text()).isEqualTo("héllo\nwörld\n");
        assertThat(c.lossless()).isTrue();
        assertThat(c.toBytes(c.text())).isEqualTo(data);
    }

    @Test
    void utf8BomIsKeptOnSave() {
        byte[] data = bytes(0xEF, 0xBB, 0xBF, 'a', 'b');
        TextContent c = TextContent.of(data);
        assertThat(c.encoding()).isEqualTo(TextEncoding.UTF_8_BOM);
        assertThat(c.text()).isEqualTo("ab");
        assertThat(c.toBytes("abc")).isEqualTo(bytes(0xEF, 0xBB, 0xBF, 'a', 'b', 'c'));
    }

    @Test
    void utf16WithBomInBothByteOrders() {
        TextContent le = TextContent.of(bytes(0xFF, 0xFE, 'h', 0, 'i', 0));
        assertThat(le.encoding()).isEqualTo(TextEncoding.UTF_16LE_BOM);
        assertThat(le.text()).isEqualTo("hi");
        assertThat(le.lossless()).isTrue();
        TextContent be = TextContent.of(bytes(0xFE, 0xFF, 0, 'h', 0, 'i'));
        assertThat(be.encoding()).isEqualTo(TextEncoding.UTF_16BE_BOM);
        assertThat(be.toBytes("hi!")).isEqualTo(bytes(0xFE, 0xFF, 0, 'h', 0, 'i', 0, '!'));
    }

    @Test
    void nulBytesOutsideUtf16AreBinary() {
        assertThat(TextEncoding.detect(bytes('a', 0, 'b')).encoding()).isEqualTo(TextEncoding.BINARY);
        TextContent c = TextContent.of(bytes(0x00, 0x01, 0xFF, 'x', 0x00));
        assertThat(c.encoding()).isEqualTo(TextEncoding.BINARY);
        assertThat(c.canEncode("\u0080\u00FFx")).isTrue();
        assertThat(c.canEncode("€")).isFalse();
    }

    @Test
    void crlfFilesAreEditedWithLfAndSavedWithCrlf() {
        byte[] data = "a\r\nb\r\n".getBytes(StandardCharsets.UTF_8);
        TextContent c = TextContent.of(data);
        assertThat(c.text()).isEqualTo("a\nb\n");
        assertThat(c.lossless()).isTrue();
        assertThat(c.toBytes("a\nb\nc\n")).isEqualTo("a\r\nb\r\nc\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mixedLineEndingsDoNotRoundTrip() {
        TextContent c = TextContent.of("a\r\nb\nc\rd".getBytes(StandardCharsets.UTF_8));
        assertThat(c.lossless()).isFalse();
    }
}
