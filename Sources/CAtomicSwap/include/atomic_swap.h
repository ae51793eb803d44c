#ifndef BANTIN_ATOMIC_SWAP_H
#define BANTIN_ATOMIC_SWAP_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE): at every instant one
/// of the two folders is at `a` and the other at `b`. Returns 0, or -1 with errno set
/// (ENOSYS or EINVAL where the kernel or file system cannot do it).
int bantin_exchange_paths(const char *a, const char *b);

#endif
