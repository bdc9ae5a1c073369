"""Password hashing: Argon2id with the parameters set here, and only here.

OWASP's Password Storage Cheat Sheet asks for Argon2id with at least 19 MiB of memory, 2 iterations
and 1 degree of parallelism (or an equivalent trade of memory for iterations, e.g. 46 MiB and 1).
Ostoja uses exactly that minimum:

* memory 19 MiB (19,456 KiB), time cost 2, parallelism 1.

Why not more: Django's default (100 MiB, parallelism 8) took about a second per sign-in on the
2-core production machine and made a morning sign-in storm of 50 staff wait 11.7 s at the median,
while every hash held 100 MiB. Parallelism above 1 buys nothing when sign-ins already run side by
side on 2 cores. At 19 MiB and 2 iterations a hash takes tens of milliseconds on those cores, a
storm of 50 clears in about a second, and each guess still costs an attacker 19 MiB of memory
(sign-in is also locked after five failures per username and address). Stored hashes carry their
own parameters: older ones still verify and are re-hashed with these at the next sign-in.
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher as DjangoArgon2PasswordHasher


class Argon2PasswordHasher(DjangoArgon2PasswordHasher):
    # Same algorithm name as Django's: every existing "argon2$..." hash stays valid.
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
