package dev.perfmonitoring.stack.load;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers written in source code, outside comments and string literals: a small lexer for JavaScript (quotes,
 * template literals with their {@code ${...}} expressions kept as code) and Java (quotes, text blocks, char
 * literals). Regular-expression literals are read as code; the scripts' regexes hold no digits.
 */
final class NumericLiterals {

    private static final Pattern NUMBER =
            Pattern.compile("(?<![\\w.$])(\\d[\\d_]*(\\.\\d+)?([eE][+-]?\\d+)?)[lLdDfF]?(?![\\w$])");

    private NumericLiterals() {
    }

    static List<BigDecimal> inJavaScript(String source) {
        return numbers(code(source, true));
    }

    static List<BigDecimal> inJava(String source) {
        return numbers(code(source, false));
    }

    private static List<BigDecimal> numbers(String code) {
        List<BigDecimal> numbers = new ArrayList<>();
        Matcher matcher = NUMBER.matcher(code);
        while (matcher.find()) {
            numbers.add(canonical(new BigDecimal(matcher.group(1).replace("_", ""))));
        }
        return numbers;
    }

    /** The number written without trailing zeros or exponent, so that equal numbers are equal. */
    static BigDecimal canonical(BigDecimal number) {
        return new BigDecimal(number.stripTrailingZeros().toPlainString());
    }

    /** The source with comments and the text of string literals replaced by spaces. */
    private static String code(String source, boolean javaScript) {
        StringBuilder code = new StringBuilder();
        List<Integer> templateBraces = new ArrayList<>();
        int depth = 0;
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = skipTo(source, i, "\n");
            } else if (source.startsWith("/*", i)) {
                i = skipTo(source, i + 2, "*/") + 2;
            } else if (!javaScript && source.startsWith("\"\"\"", i)) {
                i = skipTo(source, i + 3, "\"\"\"") + 3;
            } else if (c == '"' || c == '\'') {
                i = endOfQuoted(source, i, c);
            } else if (javaScript && (c == '`' || (c == '}' && !templateBraces.isEmpty()
                    && templateBraces.get(templateBraces.size() - 1) == depth))) {
                if (c == '}') {
                    templateBraces.remove(templateBraces.size() - 1);
                }
                i = endOfTemplateText(source, i + 1, templateBraces, depth);
            } else {
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                }
                code.append(c);
                i++;
                continue;
            }
            code.append(' ');
        }
        return code.toString();
    }

    private static int skipTo(String source, int from, String end) {
        int at = source.indexOf(end, from);
        return at < 0 ? source.length() : at;
    }

    private static int endOfQuoted(String source, int start, char quote) {
        int i = start + 1;
        while (i < source.length() && source.charAt(i) != quote) {
            i += source.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    /** Skips template text up to its closing backquote, or to a {@code ${} that opens an expression (kept as code). */
    private static int endOfTemplateText(String source, int from, List<Integer> templateBraces, int depth) {
        int i = from;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '`') {
                return i + 1;
            } else if (source.startsWith("${", i)) {
                templateBraces.add(depth);
                return i + 2;
            } else {
                i++;
            }
        }
        return i;
    }
}
