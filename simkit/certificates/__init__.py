"""Certificates for passed attempts (HTML and PDF, in Russian and English), and their verification against the
gradebook by code, or by file: a file verifies only as the very file issued for its code (docs/records.md)."""

from simkit.certificates.files import NotVerified
from simkit.certificates.issue import issue_certificates, write_certificates
from simkit.certificates.model import Certificate
from simkit.certificates.store import CertificateBook, Standing
from simkit.certificates.verify import Verified, verify_code, verify_file
from simkit.gradebook.codes import MalformedCode, parse_code

__all__ = [
    "Certificate",
    "CertificateBook",
    "MalformedCode",
    "NotVerified",
    "Standing",
    "Verified",
    "issue_certificates",
    "parse_code",
    "verify_code",
    "verify_file",
    "write_certificates",
]
