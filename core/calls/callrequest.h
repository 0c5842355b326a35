#pragma once

#include "calls/call.h"
#include "calls/callvalues.h"

#include <sys/socket.h>

namespace SocketScope {

// One call to make, fully resolved: real descriptor numbers, real addresses.
struct CallRequest {
    Call call = Call::Socket;
    CallArguments arguments;
    // What the actor that owns the descriptor knows of it, from its socket() or accept():
    // the engine does not wait in poll() for a non-blocking one, and reads a TCP state
    // only for TCP.
    int descriptorDomain = 0;
    int descriptorType = 0; // with SOCK_NONBLOCK when it does not block

    bool descriptorIsNonBlocking() const { return (descriptorType & SOCK_NONBLOCK) != 0; }
};

} // namespace SocketScope
