package org.chancery.consensus.sim;

import java.util.List;
import org.chancery.consensus.types.SignedProposal;
import org.chancery.consensus.types.SignedVote;

/** What travels between validators. */
sealed interface Wire {
  long height();

  record Prop(SignedProposal p) implements Wire {
    @Override
    public long height() {
      return p.height();
    }
  }

  record VoteMsg(SignedVote v) implements Wire {
    @Override
    public long height() {
      return v.height();
    }
  }

  /** A decided height's proposal and commit, sent to a validator that is behind (block sync). */
  record Commit(SignedProposal p, List<SignedVote> commit) implements Wire {
    @Override
    public long height() {
      return p.height();
    }
  }

  /** 2f+1 votes of one type, round and value: a polka or a commit, relayed as proof. */
  record Cert(List<SignedVote> votes) implements Wire {
    @Override
    public long height() {
      return votes.get(0).height();
    }
  }

  /** "I am at this height": asks a validator that is ahead for the commit. */
  record SyncRequest(long height) implements Wire {}
}
