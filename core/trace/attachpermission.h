#pragma once

#include <QString>

#include <optional>

namespace SocketScope {

// Yama's ptrace_scope (/proc/sys/kernel/yama/ptrace_scope): who may attach to a running
// process. nullopt where the kernel has no Yama (then only users and capabilities count).
std::optional<int> yamaPtraceScope();

// Why ptrace() refused to attach to a running process with `error`, and what the user can do,
// in one or two sentences of the user's language.
QString whyNotAttached(int error, std::optional<int> ptraceScope);

} // namespace SocketScope
