package com.chatplugify.webhooks.common.net;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890), read from the CSV files IANA publishes,
 * kept unchanged beside this class:
 * {@code https://www.iana.org/assignments/iana-ipv4-special-registry/iana-ipv4-special-registry-1.csv} and
 * {@code https://www.iana.org/assignments/iana-ipv6-special-registry/iana-ipv6-special-registry-1.csv}, as published
 * on {@value #SNAPSHOT_DATE}. To update them, replace both files with IANA's current ones and run the tests, which
 * check every block.
 *
 * <p>An entry's "Globally Reachable" column says whether its addresses may be reached across the Internet; entries
 * nest (192.0.0.9/32 is reachable inside the unreachable 192.0.0.0/24), so the most specific one containing an
 * address speaks for it.
 */
public final class SpecialPurposeRegistry {

    /** When the vendored files were taken from IANA. */
    public static final String SNAPSHOT_DATE = "2026-07-18";
    static final String IPV4_FILE = "iana-ipv4-special-registry-1.csv";
    static final String IPV6_FILE = "iana-ipv6-special-registry-1.csv";

    private static final SpecialPurposeRegistry IANA = new SpecialPurposeRegistry(read(IPV4_FILE), read(IPV6_FILE));

    /**
     * One block of the registry.
     *
     * @param globallyReachable true only where the registry says "True"; "False", "N/A" and the blank cells of a
     *                          terminated entry are all false
     */
    public record Entry(AddressBlock block, String name, String rfc, boolean globallyReachable) {

        /** How the entry names itself, e.g. {@code Private-Use (RFC1918)}. */
        public String describe() {
            return name + " (" + rfc + ")";
        }
    }

    private final List<Entry> ipv4;
    private final List<Entry> ipv6;

    private SpecialPurposeRegistry(List<Entry> ipv4, List<Entry> ipv6) {
        Comparator<Entry> mostSpecificFirst = Comparator.comparingInt((Entry e) -> e.block().prefixLength()).reversed();
        this.ipv4 = ipv4.stream().sorted(mostSpecificFirst).toList();
        this.ipv6 = ipv6.stream().sorted(mostSpecificFirst).toList();
    }

    /** The registries IANA publishes, as vendored; parsed once, when first used. */
    public static SpecialPurposeRegistry iana() {
        return IANA;
    }

    /** Every entry, IPv4 first, most specific first within each. */
    public List<Entry> entries() {
        List<Entry> all = new ArrayList<>(ipv4);
        all.addAll(ipv6);
        return List.copyOf(all);
    }

    /** The most specific entry containing {@code address}, or empty for an address no entry covers. */
    public Optional<Entry> lookup(InetAddress address) {
        for (Entry entry : address.getAddress().length == 4 ? ipv4 : ipv6) {
            if (entry.block().contains(address)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    private static List<Entry> read(String file) {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = SpecialPurposeRegistry.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + file + " beside " + SpecialPurposeRegistry.class);
            }
            MappingIterator<String[]> rows = mapper.readerFor(String[].class).readValues(in);
            String[] header = rows.next();
            if (header.length < 9 || !"Address Block".equals(header[0]) || !"Globally Reachable".equals(header[8])) {
                throw new IllegalStateException(file + " is not an IANA special-purpose registry file");
            }
            while (rows.hasNext()) {
                String[] row = rows.next();
                // "192.0.0.170/32, 192.0.0.171/32": one entry may list several blocks.
                for (String block : row[0].split(",")) {
                    entries.add(new Entry(AddressBlock.parse(withoutFootnotes(block)), withoutFootnotes(row[1]),
                            references(row[2]),
                            "true".equals(withoutFootnotes(row[8]).toLowerCase(Locale.ROOT))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return entries;
    }

    /** {@code "[RFC8880][RFC7050], Section 2.2"} → {@code "RFC8880, RFC7050, Section 2.2"}. */
    private static String references(String cell) {
        return withoutFootnotes(cell).replace("][", ", ").replaceAll("[\\[\\]]", "").replaceAll("\\s+", " ");
    }

    /** {@code "False [1]"} → {@code "False"}: IANA marks footnotes in square brackets after a value. */
    private static String withoutFootnotes(String cell) {
        return cell.replaceAll("\\s*\\[\\d+]", "").trim();
    }
}
