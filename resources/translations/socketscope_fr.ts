<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>CommandLine</name>
    <message>
        <source>--scenario: no scenario has the id &quot;%1&quot;; --list-scenarios lists them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Errno</name>
    <message>
        <source>Permission denied: ports below 1024 are reserved to root (or to a program with CAP_NET_BIND_SERVICE).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another socket already has this address and port: a port identifies one application on the machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This address does not belong to any interface of this machine, so a socket cannot be bound to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address family of the sockaddr does not match the socket&apos;s family (AF_INET versus AF_INET6).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is ready yet and the call was asked not to wait (non-blocking socket or MSG_DONTWAIT).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A connection attempt is already in progress on this socket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This descriptor is not open: it was never created or was already closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The wait was cancelled by SocketScope before the call completed (reset, stop or window closed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection was aborted before accept() could pick it up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody is listening on that address and port: the peer&apos;s system answered with a reset (RST), the line is dead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The peer reset the connection (RST) instead of closing it normally.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This socket is not connected, so the call needs a destination address (use sendto).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A pointer given to the call points outside the program&apos;s memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No route leads to that host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The non-blocking connect() has started; the handshake finishes later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A signal interrupted the call before it could finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An argument is not valid for this socket in its current state (for example listen() before bind, or bind twice).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This socket is already connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The process has opened as many descriptors as it may.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The datagram is larger than the protocol allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No network route leads to that address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The whole system has run out of open files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kernel has no buffer space left for this socket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No socket file exists at that AF_UNIX path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This option does not exist at that level for this socket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The socket is not connected: there is nobody on the line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This descriptor is a file, not a socket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This socket type does not support that operation (for example listen() on a UDP socket).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The operation is not permitted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing on a connection the peer has closed: the pipe is broken (and SIGPIPE is sent unless MSG_NOSIGNAL is set).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This protocol is not supported for that family and type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The protocol does not match the socket type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This socket type is not supported in that family.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The peer never answered in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This name or service is not in /etc/hosts, /etc/services or the DNS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This service is not known for the requested socket type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name server did not answer; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name server failed for good.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This address family is not supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This socket type is not supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hints have flags that do not go together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out of memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A system error happened; errno says which.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The buffer for the name was too small.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name lookup failed; see getaddrinfo(3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system call failed; see its manual page.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventLog</name>
    <message>
        <source>Cannot write the trace to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Scenario</name>
    <message>
        <source>another scenario already has the id &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SocketScope</name>
    <message>
        <source>SocketScope makes BSD sockets visible: real system calls, stepped and explained.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the scenarios, one per line: id&lt;TAB&gt;title.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the scenario without a window, print each call, exit 0 when the expected outcome happened and 1 when it did not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scenario to load, by id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server port, instead of the scenario&apos;s own (0: a free port chosen by the system).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the event log to FILE as JSON Lines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language of the interface and narration: fr or en.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LANG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also load the scenario files of FOLDER.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FOLDER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;; see --help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--lang: &quot;%1&quot; is not a language of SocketScope; use fr or en.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--port: &quot;%1&quot; is not a port; a port is a whole number from 0 to 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--trace: cannot write &quot;%1&quot;: the folder %2 does not exist or is not writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--trace: &quot;%1&quot; is a folder; give a file name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--scenario-folder: &quot;%1&quot; is not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--headless needs --scenario ID; --list-scenarios lists them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--scenario: no scenario has the id &quot;%1&quot;; --list-scenarios lists them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected outcome: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The expected outcome did not happen:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a non-empty string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an object with &quot;fr&quot; and &quot;en&quot; texts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the French text is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the English text is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a name or a list of names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be pairs of hexadecimal digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is required for this call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an errno name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no earlier step of this actor keeps an address named &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is required with a numeric address: a number from 0 to 65535, or &quot;$port&quot; for the scenario&apos;s port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a list of {&quot;fd&quot;: name, &quot;events&quot;: [...]}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no earlier step of this actor creates a descriptor named &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of the scenario&apos;s actors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is required: SOCK_STREAM or SOCK_DGRAM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is required for setsockopt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>getaddrinfo needs a host, a service or both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only socket and accept create a descriptor; use &quot;address_as&quot; to keep an address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this call returns no address</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SocketScope::CallLogModel</name>
    <message>
        <source>blocked for %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SocketScope::Expectation</name>
    <message>
        <source>the call was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected %1, got %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected success, got %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected %1 to be returned, got %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected to receive &quot;%1&quot;, got &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SocketScope::MainWindow</name>
    <message>
        <source>SocketScope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scenario:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected outcome: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The expected outcome did not happen: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SocketScope::ScenarioError</name>
    <message>
        <source>%1: field &quot;%2&quot;: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: step %2: field &quot;%3&quot;: %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SocketScope::ScenarioParser</name>
    <message>
        <source>not valid JSON at byte %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a scenario is a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a non-empty list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; appears twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a step is a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SocketScope::SocketAddress</name>
    <message>
        <source>&quot;%1&quot; is not an IPv4 address (like 127.0.0.1) or an IPv6 address (like ::1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An AF_UNIX path must have between 1 and %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An AF_UNIX path cannot contain a NUL byte.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot;: an IPv6 endpoint is written [address]:port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot;: an endpoint is written address:port, like 127.0.0.1:5000 or [::1]:5000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a port: a port is a whole number from 0 to 65535.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
