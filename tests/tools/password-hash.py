#!/usr/bin/env python3
"""Prints the PBKDF2 hash of the password in $PASSWORD in the dashboard's Auth:Users format, as `nsm hash-password`
prints it (PBKDF2-HMAC-SHA256, 600 000 iterations, 16-byte random salt, 32-byte key). For the test and benchmark
scripts, which configure a throwaway user before the CLI is built; the format is
src/NsmDashboard.Credentials/PasswordHash.cs's."""
import base64
import hashlib
import os
import sys

password = os.environ.get("PASSWORD")
if not password:
    sys.exit("password-hash.py: set PASSWORD to the password to hash")
salt = os.urandom(16)
key = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600000, 32)
print("pbkdf2-sha256$600000$%s$%s" % (base64.b64encode(salt).decode(), base64.b64encode(key).decode()))
