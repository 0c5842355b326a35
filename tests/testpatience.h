#pragma once

namespace SocketScope {

// How long a test's wait may last before it fails: a deadline, never a delay (the wait returns
// as soon as its condition holds). On a loaded machine (CI's two cores, the whole suite beside,
// a sanitizer) a step that takes a second alone can take many.
inline constexpr int patience = 60'000;

} // namespace SocketScope
