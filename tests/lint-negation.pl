#!/usr/bin/perl
# lint-negation.pl — finds `! CMD` used as a check in test scripts.
#
# Test bodies run with `set -e`, and the shell ignores -e for a command
# preceded by `!` (POSIX), so `! grep -q x f` checks nothing unless it is
# the body's very last command. Use `refute CMD...` (tests/lib.sh), or for
# a pipeline `if CMD | grep -q x; then echo "unexpected: ..."; false; fi`.
#
# Usage: perl lint-negation.pl FILE...; prints FILE:LINE: for each hit and
# exits 1 when there is one. A `!` in the condition of if/elif/while/until
# is fine (the logical line starts with that word), as are `test ! -e`,
# `[ ! -s f ]` and `find ! -name` (there `!` is an argument), comments and
# here-document text.
use strict;
use warnings;

my $bad = 0;
for my $file (@ARGV) {
	open my $fh, '<', $file or die "$file: $!\n";
	my @lines = <$fh>;
	close $fh;
	my ($heredoc, $strip) = (undef, 0);
	my ($logical, @parts) = ('');
	for my $i (0 .. $#lines) {
		my $line = $lines[$i];
		chomp $line;
		if (defined $heredoc) {
			my $l = $strip ? $line =~ s/^\t+//r : $line;
			$heredoc = undef if $l eq $heredoc;
			next;
		}
		next if $line =~ /^\s*#/ && $logical eq '';
		if ($line =~ /<<(-?)\s*\\?['"]?(\w+)['"]?/) {
			($strip, $heredoc) = ($1 eq '-', $2);
		}
		@parts = () if $logical eq '';
		push @parts, [$i + 1, $line];
		$logical .= ' ' . $line;
		# a command that goes on on the next line: one logical line
		next if $line =~ /(\|\||&&|\||\\)\s*$/ && $i < $#lines;
		my $l = $logical;
		$logical = '';
		next if $l =~ /^\s*(if|elif|while|until)\s/;
		# `!` as the first word of a command: at the start, or after
		# ; && || | do then else { (
		my $neg = qr/(^|;|&&|\|\||\||\bdo|\bthen|\belse|\{|\()\s*!\s/;
		if ($l =~ $neg) {
			my ($at) = grep { $_->[1] =~ $neg } @parts;
			$at //= $parts[0];
			print "$file:$at->[0]: `! CMD` does not fail a set -e test body;"
			    . " use `refute CMD` (tests/lib.sh) or"
			    . " `if CMD | grep -q x; then echo ...; false; fi`\n";
			$bad = 1;
		}
	}
}
exit $bad;
