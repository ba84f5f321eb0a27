package org.chancery.documents.evidence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** A realistic deposit and its certificate JSON, for the tests to vary. */
final class SampleCertificates {
  static final String CERTIFICATE_DIGEST =
      "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807f6e5d4c3b2a1908f7e6d5c4b";

  static final byte[] JSON =
      ("{\"version\":1,\"deposit\":{\"id\":\"dep-5c1e0a9b\",\"digest\":\"66c7f0f4\"},"
              + "\"label\":\"租赁合同 lease\"}\n")
          .getBytes(StandardCharsets.UTF_8);

  private SampleCertificates() {}

  static CertificateFacts facts() {
    return facts("房屋租赁合同（2026 年第 17 号）/ Residential lease no. 17", "租赁合同-lease.pdf");
  }

  static CertificateFacts facts(String label, String fileName) {
    return new CertificateFacts(
        "dep-5c1e0a9b",
        "66c7f0f4a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c",
        "SM3",
        1_482_903L,
        "application/pdf",
        fileName,
        label,
        "dep-40aa17c2",
        Instant.parse("2026-12-04T20:37:03.250Z"),
        "org1",
        "北京互联网法院 Beijing Internet Court",
        "clerk01.org1.chancery",
        "client",
        "chancery-prod",
        "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90",
        4_211L,
        "c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2",
        "e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4",
        List.of("node1", "node2", "node3"),
        4,
        CERTIFICATE_DIGEST);
  }
}
