"""triage: the findings of a report, split by the acceptances of lakip.yaml, now or beside other work."""

from __future__ import annotations

from lakip_cli.checks import refuse_unknown_codes, run_checks
from lakip_cli.checks.acceptance import Triage, apply_acceptances
from lakip_cli.checks.causes import group_root_causes
from lakip_cli.compute.report import Report
from lakip_cli.forked import Forked, spare_core


def triage_findings(report: Report, ignore: tuple[str, ...] = (), *, use_settings: bool = True,
                    share: bool = True) -> Triage:
    """Run the checks and split their findings by the acceptances of lakip.yaml (cek.terima)."""
    findings = run_checks(report, ignore=ignore, use_settings=use_settings, share=share)
    skipped = (*ignore, *(report.project.settings.model.cek.abaikan if use_settings else ()))
    triage = apply_acceptances(report, findings, skipped=skipped)
    return Triage(tuple(group_root_causes(triage.open)), triage.accepted)


class Findings:
    """The triaged findings of a build: already decided, or being found in a forked child while the document
    is rendered and written (lakip_cli.forked), or found here when first asked for."""

    def __init__(self, report: Report, ignore: tuple[str, ...], *, share: bool, decided: Triage | None = None) -> None:
        self.report, self.ignore, self.share, self._triage = report, ignore, share, decided
        self._child: Forked[Triage] | None = None
        if decided is None:
            refuse_unknown_codes(report)  # the one error the rules can raise comes before any other, as it did
            if share and spare_core():
                self._child = Forked(lambda: triage_findings(report, ignore, share=False))

    def triage(self) -> Triage:
        if self._triage is None:
            child, self._child = self._child, None
            self._triage = (child.result() if child is not None else None) or triage_findings(
                self.report, self.ignore, share=self.share)
        return self._triage

    def abandon(self) -> None:
        if self._child is not None:
            self._child.abandon()
            self._child = None
