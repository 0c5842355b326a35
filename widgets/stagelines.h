#pragma once

#include "stagestate.h"

namespace SocketScope {

// The telephone lines of the stage, from its endpoints: a caller connected to the handset that
// picked up, or waiting in the queue of the listener it dialled. Counts each listener's
// queued callers. For projectStage() only.
void deriveLines(StageState& state);

} // namespace SocketScope
