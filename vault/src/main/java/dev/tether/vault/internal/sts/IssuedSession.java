package dev.tether.vault.internal.sts;

import dev.tether.vault.LocalSession;

/** A session the local STS issued, with the role details its AssumeRole answer reports. */
record IssuedSession(
    LocalSession session,
    String assumedRoleId,
    String assumedRoleArn,
    String sourceIdentity,
    int packedPolicySize) {}
