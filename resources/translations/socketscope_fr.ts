<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name></name>
    <message>
        <source>Round-trip time (rtt)</source>
        <translation>Temps d&apos;aller-retour (rtt)</translation>
    </message>
    <message>
        <source>%1 (variation %2)</source>
        <translation>%1 (variation %2)</translation>
    </message>
    <message>
        <source>Retransmission timeout</source>
        <translation>Délai de retransmission</translation>
    </message>
    <message>
        <source>Congestion window (cwnd)</source>
        <translation>Fenêtre de congestion (cwnd)</translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n segment</numerusform>
            <numerusform>%n segments</numerusform>
        </translation>
    </message>
    <message>
        <source>Slow-start threshold</source>
        <translation>Seuil de démarrage lent</translation>
    </message>
    <message>
        <source>none yet: still in slow start</source>
        <translation>pas encore : toujours en démarrage lent</translation>
    </message>
    <message>
        <source>MSS</source>
        <translation>MSS</translation>
    </message>
    <message>
        <source>%1 bytes sent, %2 bytes received</source>
        <translation>%1 octets en émission, %2 octets en réception</translation>
    </message>
    <message>
        <source>Window scaling</source>
        <translation>Facteur d&apos;échelle de fenêtre</translation>
    </message>
    <message>
        <source>on: ours ×%1, peer&apos;s ×%2</source>
        <translation>actif : le nôtre ×%1, celui du pair ×%2</translation>
    </message>
    <message>
        <source>off</source>
        <translation>inactif</translation>
    </message>
    <message>
        <source>Retransmissions</source>
        <translation>Retransmissions</translation>
    </message>
    <message>
        <source>%1 now, %2 in total</source>
        <translation>%1 en cours, %2 au total</translation>
    </message>
    <message>
        <source>Bytes acknowledged / received</source>
        <translation>Octets acquittés / reçus</translation>
    </message>
    <message>
        <source>Segments out / in</source>
        <translation>Segments envoyés / reçus</translation>
    </message>
    <message>
        <source>Last data sent / received</source>
        <translation>Dernières données envoyées / reçues</translation>
    </message>
</context>
<context>
    <name>AttachPermission</name>
    <message>
        <source>No process has this number: it has ended, or the number is wrong (ps -e lists them).</source>
        <translation>Aucun processus ne porte ce numéro : il s’est terminé, ou le numéro est faux (ps -e les liste).</translation>
    </message>
    <message>
        <source>The system does not let this process be traced.</source>
        <translation>Le système ne permet pas de tracer ce processus.</translation>
    </message>
    <message>
        <source>Yama&apos;s ptrace_scope is 1: a process may be traced only by the programs that started it. Start your program from SocketScope (--run), or ask the administrator for: sudo sysctl kernel.yama.ptrace_scope=0</source>
        <translation>Le ptrace_scope de Yama vaut 1 : un processus ne peut être tracé que par les programmes qui l’ont lancé. Lancez votre programme depuis SocketScope (--run), ou demandez à l’administrateur : sudo sysctl kernel.yama.ptrace_scope=0</translation>
    </message>
    <message>
        <source>Yama&apos;s ptrace_scope is 2: only the administrator may attach to a running process. Start your program from SocketScope (--run) instead.</source>
        <translation>Le ptrace_scope de Yama vaut 2 : seul l’administrateur peut s’attacher à un processus en cours. Lancez plutôt votre programme depuis SocketScope (--run).</translation>
    </message>
    <message>
        <source>Yama&apos;s ptrace_scope is 3: nobody may attach to a running process. Start your program from SocketScope (--run) instead.</source>
        <translation>Le ptrace_scope de Yama vaut 3 : personne ne peut s’attacher à un processus en cours. Lancez plutôt votre programme depuis SocketScope (--run).</translation>
    </message>
    <message>
        <source>You may trace only your own processes: this one belongs to another user, runs a set-user-ID program, or is traced already (by a debugger or strace).</source>
        <translation>Vous ne pouvez tracer que vos propres processus : celui-ci appartient à un autre utilisateur, exécute un programme set-user-ID, ou est déjà tracé (par un débogueur ou strace).</translation>
    </message>
</context>
<context>
    <name>ByteOrder</name>
    <message>
        <source>&quot;%1&quot; is not a 16-bit number: a port goes from 0 to 65535.</source>
        <translation>« %1 » n&apos;est pas un nombre sur 16 bits : un port va de 0 à 65535.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a 32-bit number (0 to 4294967295).</source>
        <translation>« %1 » n&apos;est pas un nombre sur 32 bits (0 à 4294967295).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IPv4 address (like 127.0.0.1) or an IPv6 address (like ::1).</source>
        <translation>« %1 » n&apos;est pas une adresse IPv4 (comme 127.0.0.1) ni une adresse IPv6 (comme ::1).</translation>
    </message>
</context>
<context>
    <name>CExportRun</name>
    <message>
        <source>--replay: %1 cannot be read: %2</source>
        <translation>--replay : %1 ne peut pas être lu : %2</translation>
    </message>
    <message>
        <source>--scenario: no scenario has the id &quot;%1&quot;; --list-scenarios lists them.</source>
        <translation>--scenario : aucun scénario n’a l’identifiant « %1 » ; --list-scenarios les liste.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>These calls were made by your own program: its source is the C they come from, so there is nothing to export.</source>
        <translation>Ces appels viennent de votre propre programme : son source est le C dont ils viennent, il n&apos;y a donc rien à exporter.</translation>
    </message>
</context>
<context>
    <name>CProgram</name>
    <message>
        <source>The child process (%1): it has a copy of every descriptor.</source>
        <translation>Le processus fils (%1) : il a une copie de chaque descripteur.</translation>
    </message>
    <message>
        <source>fork(): child process %d
</source>
        <translation>fork() : processus fils %d
</translation>
    </message>
    <message>
        <source>%1: %2 of the scenario &quot;%3&quot; (%4), exported by SocketScope. Run: %5</source>
        <translation>%1 : %2 du scénario « %3 » (%4), exporté par SocketScope. Lancement : %5</translation>
    </message>
    <message>
        <source>Each program runs on its own: the order between programs that the scenario shows is the order you start them and type in them.</source>
        <translation>Chaque programme tourne seul : l’ordre entre programmes que montre le scénario, c’est l’ordre dans lequel vous les lancez et tapez dedans.</translation>
    </message>
    <message>
        <source>Not a step of the scenario: each message leaves at once, even through a pipe, and a fork() child does not repeat it.</source>
        <translation>Pas une étape du scénario : chaque message part aussitôt, même à travers un tube, et un fils de fork() ne le répète pas.</translation>
    </message>
    <message>
        <source>Not a step of the scenario: main() waits for the thread, whose calls would otherwise end with the process.</source>
        <translation>Pas une étape du scénario : main() attend le thread, dont les appels s’arrêteraient sinon avec le processus.</translation>
    </message>
    <message>
        <source>Not a step of the scenario: the parent waits for its children, so that none is left a zombie.</source>
        <translation>Pas une étape du scénario : le père attend ses fils, pour qu’aucun ne reste zombie.</translation>
    </message>
    <message>
        <source>as the system gives it</source>
        <translation>tel que le système le donne</translation>
    </message>
    <message>
        <source>cannot make the folder %1</source>
        <translation>impossible de créer le dossier %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>The scenario expects this call to fail with %1: the program goes on.</source>
        <translation>Le scénario attend l’échec de cet appel avec %1 : le programme continue.</translation>
    </message>
    <message>
        <source>The session showed this call&apos;s result without expecting one: the program goes on whatever it is.</source>
        <translation>La séance a montré le résultat de cet appel sans en attendre un : le programme continue quel qu’il soit.</translation>
    </message>
    <message>
        <source>Not a step of the scenario: the file a previous run left would make bind() fail with EADDRINUSE.</source>
        <translation>Pas une étape du scénario : le fichier laissé par une exécution précédente ferait échouer bind() avec EADDRINUSE.</translation>
    </message>
    <message>
        <source>The scenario&apos;s mistake, on purpose: the port without htons().</source>
        <translation>L’erreur du scénario, voulue : le port sans htons().</translation>
    </message>
    <message>
        <source>inet_pton: &quot;%s&quot; is not a numeric %1 address
</source>
        <translation>inet_pton : « %s » n’est pas une adresse %1 numérique
</translation>
    </message>
    <message>
        <source>%1(): %zd bytes received: &quot;%.*s&quot;</source>
        <translation>%1() : %zd octets reçus : « %.*s »</translation>
    </message>
    <message>
        <source>  from</source>
        <translation>  de</translation>
    </message>
    <message>
        <source>%1(): %zd bytes sent</source>
        <translation>%1() : %zd octets envoyés</translation>
    </message>
    <message>
        <source>getsockopt(%1): %d</source>
        <translation>getsockopt(%1) : %d</translation>
    </message>
    <message>
        <source>getsockopt(%1): l_onoff %d, l_linger %d</source>
        <translation>getsockopt(%1) : l_onoff %d, l_linger %d</translation>
    </message>
    <message>
        <source>getsockopt(%1): %ld s %ld µs</source>
        <translation>getsockopt(%1) : %ld s %ld µs</translation>
    </message>
    <message>
        <source>setsockopt(%1): done</source>
        <translation>setsockopt(%1) : fait</translation>
    </message>
    <message>
        <source>poll(): %d ready</source>
        <translation>poll() : %d prêt(s)</translation>
    </message>
    <message>
        <source>select(): %d ready</source>
        <translation>select() : %d prêt(s)</translation>
    </message>
    <message>
        <source>the first answer is kept</source>
        <translation>la première réponse est gardée</translation>
    </message>
    <message>
        <source>getaddrinfo():</source>
        <translation>getaddrinfo() :</translation>
    </message>
    <message>
        <source>getnameinfo(): %s %s</source>
        <translation>getnameinfo() : %s %s</translation>
    </message>
    <message>
        <source>Run with the privilege to bind ports below 1024 (root, CAP_NET_BIND_SERVICE), this call has another outcome.</source>
        <translation>Lancé avec le droit de lier les ports sous 1024 (root, CAP_NET_BIND_SERVICE), cet appel a une autre issue.</translation>
    </message>
    <message>
        <source>socket(): descriptor %d</source>
        <translation>socket() : descripteur %d</translation>
    </message>
    <message>
        <source>Not a step of the scenario: with port 0 the system chose one; getsockname() tells which.</source>
        <translation>Pas une étape du scénario : avec le port 0, le système en a choisi un ; getsockname() dit lequel.</translation>
    </message>
    <message>
        <source>bind(): port %d</source>
        <translation>bind() : port %d</translation>
    </message>
    <message>
        <source>bind(): done</source>
        <translation>bind() : fait</translation>
    </message>
    <message>
        <source>connect(): connected</source>
        <translation>connect() : connecté</translation>
    </message>
    <message>
        <source>listen(): waiting for calls</source>
        <translation>listen() : en attente d’appels</translation>
    </message>
    <message>
        <source>accept(): descriptor %d</source>
        <translation>accept() : descripteur %d</translation>
    </message>
    <message>
        <source>shutdown(): done</source>
        <translation>shutdown() : fait</translation>
    </message>
    <message>
        <source>close(): done</source>
        <translation>close() : fait</translation>
    </message>
    <message>
        <source>%1(): this export does not write this call yet; the program leaves it out.</source>
        <translation>%1() : cet export n’écrit pas encore cet appel ; le programme le laisse de côté.</translation>
    </message>
    <message>
        <source>Not a step of the scenario: SocketScope ignores SIGPIPE, so that a write on a connection the peer closed fails with EPIPE; without this line, SIGPIPE ends the program there.</source>
        <translation>Pas une étape du scénario : SocketScope ignore SIGPIPE, pour qu’une écriture sur une connexion que l’autre a fermée échoue avec EPIPE ; sans cette ligne, SIGPIPE termine le programme à cet endroit.</translation>
    </message>
    <message>
        <source>%1(): succeeded, where the scenario expects %2
</source>
        <translation>%1() : réussi, alors que le scénario attend %2
</translation>
    </message>
    <message>
        <source>fcntl(F_GETFL): flags %#x</source>
        <translation>fcntl(F_GETFL) : options %#x</translation>
    </message>
    <message>
        <source>fcntl(F_SETFL): done</source>
        <translation>fcntl(F_SETFL) : fait</translation>
    </message>
    <message>
        <source>The thread receives the descriptor as its argument, an integer carried in a pointer.</source>
        <translation>Le thread reçoit le descripteur en argument, un entier porté par un pointeur.</translation>
    </message>
    <message>
        <source>The thread %1: it shares the process&apos;s descriptors; the ones it needs come through its argument.</source>
        <translation>Le thread %1 : il partage les descripteurs du processus ; ceux dont il a besoin lui arrivent par son argument.</translation>
    </message>
    <message>
        <source>%s: not a port (0 to 65535)
</source>
        <translation>%s : pas un port (0 à 65535)
</translation>
    </message>
    <message>
        <source>SocketScope keeps this file in a folder of its own; here it is in the folder the program is started from.</source>
        <translation>SocketScope garde ce fichier dans un dossier à lui ; ici, il est dans le dossier d&apos;où le programme est lancé.</translation>
    </message>
</context>
<context>
    <name>CallCodec</name>
    <message>
        <source>is too short for a sockaddr</source>
        <translation>est trop court pour une sockaddr</translation>
    </message>
    <message>
        <source>is not a sockaddr_in, sockaddr_in6 or sockaddr_un</source>
        <translation>n&apos;est ni une sockaddr_in, ni une sockaddr_in6, ni une sockaddr_un</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of %2</source>
        <translation>« %1 » n&apos;est pas parmi %2</translation>
    </message>
    <message>
        <source>must be a list of [fd, events, revents]</source>
        <translation>doit être une liste de [fd, events, revents]</translation>
    </message>
    <message>
        <source>must be a decimal number</source>
        <translation>doit être un nombre décimal</translation>
    </message>
    <message>
        <source>must be a list of descriptors</source>
        <translation>doit être une liste de descripteurs</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a call SocketScope knows</source>
        <translation>« %1 » n&apos;est pas un appel que SocketScope connaît</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a TCP state</source>
        <translation>« %1 » n&apos;est pas un état TCP</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>--scenario: no scenario has the id &quot;%1&quot;; --list-scenarios lists them.</source>
        <translation>--scenario : aucun scénario n&apos;a l&apos;identifiant « %1 » ; --list-scenarios les liste.</translation>
    </message>
    <message>
        <source>SocketScope makes BSD sockets visible: real system calls, stepped and explained.</source>
        <translation>SocketScope rend les sockets BSD visibles : de vrais appels système, pas à pas et expliqués.</translation>
    </message>
    <message>
        <source>List the scenarios, one per line: id&lt;TAB&gt;title.</source>
        <translation>Lister les scénarios, un par ligne : id&lt;TAB&gt;titre.</translation>
    </message>
    <message>
        <source>Run the scenario without a window, print each call, exit 0 when the expected outcome happened and 1 when it did not.</source>
        <translation>Exécuter le scénario sans fenêtre, afficher chaque appel, sortir avec 0 si le résultat attendu s&apos;est produit et 1 sinon.</translation>
    </message>
    <message>
        <source>The scenario to load, by id.</source>
        <translation>Le scénario à charger, par son identifiant.</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>The server port, instead of the scenario&apos;s own (0: a free port chosen by the system).</source>
        <translation>Le port du serveur, à la place de celui du scénario (0 : un port libre choisi par le système).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Write the event log to FILE as JSON Lines.</source>
        <translation>Écrire le journal des événements dans FICHIER, au format JSON Lines.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
    <message>
        <source>The language of the interface and narration: fr or en.</source>
        <translation>La langue de l&apos;interface et de la narration : fr ou en.</translation>
    </message>
    <message>
        <source>LANG</source>
        <translation>LANGUE</translation>
    </message>
    <message>
        <source>Also load the scenario files of FOLDER.</source>
        <translation>Charger aussi les fichiers de scénario de DOSSIER.</translation>
    </message>
    <message>
        <source>FOLDER</source>
        <translation>DOSSIER</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;; see --help.</source>
        <translation>Argument inattendu « %1 » ; voir --help.</translation>
    </message>
    <message>
        <source>--lang: &quot;%1&quot; is not a language of SocketScope; use fr or en.</source>
        <translation>--lang : « %1 » n&apos;est pas une langue de SocketScope ; utilisez fr ou en.</translation>
    </message>
    <message>
        <source>--port: &quot;%1&quot; is not a port; a port is a whole number from 0 to 65535.</source>
        <translation>--port : « %1 » n&apos;est pas un port ; un port est un nombre entier de 0 à 65535.</translation>
    </message>
    <message>
        <source>--scenario-folder: &quot;%1&quot; is not a folder.</source>
        <translation>--scenario-folder : « %1 » n&apos;est pas un dossier.</translation>
    </message>
    <message>
        <source>Save the window to FILE.png and exit.</source>
        <translation>Enregistrer la fenêtre dans FICHIER.png et quitter.</translation>
    </message>
    <message>
        <source>WxH</source>
        <translation>LxH</translation>
    </message>
    <message>
        <source>--steps: &quot;%1&quot; is not a number of steps (0 or more).</source>
        <translation>--steps : « %1 » n&apos;est pas un nombre d&apos;étapes (0 ou plus).</translation>
    </message>
    <message>
        <source>--size: &quot;%1&quot; is not a window size; write WIDTHxHEIGHT between 320x240 and 7680x4320, for example 1920x1080.</source>
        <translation>--size : « %1 » n&apos;est pas une taille de fenêtre ; écrivez LARGEURxHAUTEUR entre 320x240 et 7680x4320, par exemple 1920x1080.</translation>
    </message>
    <message>
        <source>--screenshot: &quot;%1&quot; must be a .png file.</source>
        <translation>--screenshot : « %1 » doit être un fichier .png.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NOM</translation>
    </message>
    <message>
        <source>--panel: &quot;%1&quot; is not a panel; use calls, tuples or bytes.</source>
        <translation>--panel : « %1 » n&apos;est pas un panneau ; utilisez calls, tuples ou bytes.</translation>
    </message>
    <message>
        <source>--screenshot needs the window: drop --headless.</source>
        <translation>--screenshot a besoin de la fenêtre : retirez --headless.</translation>
    </message>
    <message>
        <source>%1: cannot write &quot;%2&quot;: the folder %3 does not exist or is not writable.</source>
        <translation>%1 : impossible d&apos;écrire « %2 » : le dossier %3 n&apos;existe pas ou n&apos;est pas accessible en écriture.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is a folder; give a file name.</source>
        <translation>%1 : « %2 » est un dossier ; donnez un nom de fichier.</translation>
    </message>
    <message>
        <source>Write the captured packets to FILE in pcap format (never inferred packets).</source>
        <translation>Écrire les paquets capturés dans FICHIER au format pcap (jamais les paquets inférés).</translation>
    </message>
    <message>
        <source>Do not capture: show packets inferred from the calls, labelled as such.</source>
        <translation>Ne pas capturer : montrer les paquets déduits des appels, signalés comme tels.</translation>
    </message>
    <message>
        <source>List every TCP, UDP and UNIX socket of the machine (as ss does), one per line.</source>
        <translation>Lister toutes les sockets TCP, UDP et UNIX de la machine (comme ss), une par ligne.</translation>
    </message>
    <message>
        <source>With --list-sockets: print JSON instead.</source>
        <translation>Avec --list-sockets : écrire du JSON à la place.</translation>
    </message>
    <message>
        <source>With --list-sockets: do not look for the owning processes under /proc (faster with many sockets, as ss without -p).</source>
        <translation>Avec --list-sockets : ne pas chercher les processus propriétaires dans /proc (plus rapide avec beaucoup de sockets, comme ss sans -p).</translation>
    </message>
    <message>
        <source>--json and --no-processes go with --list-sockets.</source>
        <translation>--json et --no-processes s&apos;utilisent avec --list-sockets.</translation>
    </message>
    <message>
        <source>socketscope: sockets came and went during the read; one may be missing or listed twice.</source>
        <translation>socketscope : des sockets sont apparues ou ont disparu pendant la lecture ; l&apos;une peut manquer ou figurer deux fois.</translation>
    </message>
    <message numerus="yes">
        <source>socketscope: %n process(es) of other users not readable: their sockets show no process (run as root to see them).</source>
        <translation>
            <numerusform>socketscope : %n processus d&apos;un autre utilisateur illisible : ses sockets n&apos;ont pas de processus affiché (lancez en root pour les voir).</numerusform>
            <numerusform>socketscope : %n processus d&apos;autres utilisateurs illisibles : leurs sockets n&apos;ont pas de processus affiché (lancez en root pour les voir).</numerusform>
        </translation>
    </message>
    <message>
        <source>Replay a saved session (File &gt; Save the session, or --trace) instead of running a scenario: every view as it was recorded, with no network.</source>
        <translation>Rejouer une session enregistrée (Fichier &gt; Enregistrer la session, ou --trace) au lieu d&apos;exécuter un scénario : chaque vue telle qu&apos;elle a été enregistrée, sans réseau.</translation>
    </message>
    <message>
        <source>--replay: &quot;%1&quot; is not a file that can be read.</source>
        <translation>--replay : « %1 » n&apos;est pas un fichier lisible.</translation>
    </message>
    <message>
        <source>--replay plays a saved session again: --scenario, --port and --no-capture do not go with it.</source>
        <translation>--replay rejoue une session enregistrée : --scenario, --port et --no-capture ne vont pas avec.</translation>
    </message>
    <message>
        <source>Start in presenter mode (F5): full screen, the stage and the narration large. With --size and --screenshot: presenter mode at that size.</source>
        <translation>Démarrer en mode présentation (F5) : plein écran, la scène et la narration en grand. Avec --size et --screenshot : le mode présentation à cette taille.</translation>
    </message>
    <message>
        <source>%1: cannot write &quot;%2&quot;: the file is read-only.</source>
        <translation>%1 : impossible d&apos;écrire « %2 » : le fichier est en lecture seule.</translation>
    </message>
    <message>
        <source>With --screenshot or an export: perform N steps for real first (past the end: to the end).</source>
        <translation>Avec --screenshot ou un export : exécuter d&apos;abord N étapes pour de vrai (au-delà de la fin : jusqu&apos;à la fin).</translation>
    </message>
    <message>
        <source>Save a picture of one panel (--panel) to FILE.png after --steps N steps of --scenario ID or --replay FILE, and exit; needs no display.</source>
        <translation>Enregistrer une image d&apos;un panneau (--panel) dans FICHIER.png après --steps N étapes de --scenario ID ou --replay FICHIER, puis quitter ; aucun écran n&apos;est nécessaire.</translation>
    </message>
    <message>
        <source>The same as --export-png, as an SVG drawing whose text stays text.</source>
        <translation>Comme --export-png, en dessin SVG dont le texte reste du texte.</translation>
    </message>
    <message>
        <source>The window&apos;s size, or with an export the picture&apos;s (default 1920x1080 for the stage, the tuples and the bytes, 1440x1080 for the diagram and the states), for example 1920x1080.</source>
        <translation>La taille de la fenêtre, ou avec un export celle de l&apos;image (par défaut 1920x1080 pour la scène, les quintuplets et les octets, 1440x1080 pour le diagramme et les états), par exemple 1920x1080.</translation>
    </message>
    <message>
        <source>With --screenshot: the panel in front below the stage, calls, tuples or bytes. With an export: the panel exported, stage (default), diagram, tuples, bytes or states.</source>
        <translation>Avec --screenshot : le panneau au premier plan sous la scène, calls, tuples ou bytes. Avec un export : le panneau exporté, stage (par défaut), diagram, tuples, bytes ou states.</translation>
    </message>
    <message>
        <source>--export-png and --export-svg: choose one.</source>
        <translation>--export-png et --export-svg : choisissez l&apos;un des deux.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; must be a %3 file.</source>
        <translation>%1 : « %2 » doit être un fichier %3.</translation>
    </message>
    <message>
        <source>%1 and --screenshot: choose one.</source>
        <translation>%1 et --screenshot : choisissez l&apos;un des deux.</translation>
    </message>
    <message>
        <source>%1 draws the views: drop --headless.</source>
        <translation>%1 dessine les vues : retirez --headless.</translation>
    </message>
    <message>
        <source>%1 needs --scenario ID (--list-scenarios lists them) or --replay FILE.</source>
        <translation>%1 demande --scenario ID (--list-scenarios les énumère) ou --replay FICHIER.</translation>
    </message>
    <message>
        <source>--panel: &quot;%1&quot; is not a panel that can be exported; use stage, diagram, tuples, bytes or states.</source>
        <translation>--panel : « %1 » n&apos;est pas un panneau exportable ; utilisez stage, diagram, tuples, bytes ou states.</translation>
    </message>
    <message>
        <source>The colours of the window, its screenshots and its exports: light (high contrast, the default), dark, or system (as the desktop). For this run only.</source>
        <translation>Les couleurs de la fenêtre, de ses captures d&apos;écran et de ses exports : light (clair, contrasté, par défaut), dark (sombre) ou system (comme le bureau). Pour cette exécution seulement.</translation>
    </message>
    <message>
        <source>THEME</source>
        <translation>THÈME</translation>
    </message>
    <message>
        <source>--theme: &quot;%1&quot; is not a theme of SocketScope; use light, dark or system.</source>
        <translation>--theme : « %1 » n&apos;est pas un thème de SocketScope ; utilisez light, dark ou system.</translation>
    </message>
    <message>
        <source>Open the lab&apos;s console without a window: socklab&apos;s commands (help lists them) read from standard input, results printed as they come. Add tcp or udp for socklab&apos;s TCP or UDP mode.</source>
        <translation>Ouvrir la console du laboratoire sans fenêtre : les commandes de socklab (help les liste) lues sur l&apos;entrée standard, les résultats affichés au fur et à mesure. Ajoutez tcp ou udp pour le mode TCP ou UDP de socklab.</translation>
    </message>
    <message>
        <source>With --lab: exit with status 1 when a command failed.</source>
        <translation>Avec --lab : sortir avec le code 1 si une commande a échoué.</translation>
    </message>
    <message>
        <source>With --lab: socklab&apos;s TCP or UDP mode.</source>
        <translation>Avec --lab : le mode TCP ou UDP de socklab.</translation>
    </message>
    <message>
        <source>--strict goes with --lab.</source>
        <translation>--strict s&apos;utilise avec --lab.</translation>
    </message>
    <message>
        <source>--lab runs the lab&apos;s console alone: drop --scenario, --replay, --headless, --screenshot and the exports.</source>
        <translation>--lab lance la console du laboratoire seule : retirez --scenario, --replay, --headless, --screenshot et les exports.</translation>
    </message>
    <message>
        <source>Write --scenario ID or --replay FILE as C programs into FOLDER, one per process (server.c, client.c...), and exit; each file&apos;s first line says how to compile it.</source>
        <translation>Écrire --scenario ID ou --replay FICHIER en programmes C dans DOSSIER, un par processus (server.c, client.c…), et quitter ; la première ligne de chaque fichier dit comment le compiler.</translation>
    </message>
    <message>
        <source>--export-c: &quot;%1&quot; is not a folder.</source>
        <translation>--export-c : « %1 » n’est pas un dossier.</translation>
    </message>
    <message>
        <source>--export-c needs --scenario ID (--list-scenarios lists them) or --replay FILE.</source>
        <translation>--export-c demande --scenario ID (--list-scenarios les liste) ou --replay FICHIER.</translation>
    </message>
    <message>
        <source>--export-c writes C files only: drop --headless, --screenshot and the picture exports.</source>
        <translation>--export-c n’écrit que des fichiers C : retirez --headless, --screenshot et les exports d’images.</translation>
    </message>
    <message>
        <source>With --lab: at the end, write the lab&apos;s calls as a scenario file, its narration left to write; --scenario-folder loads it.</source>
        <translation>Avec --lab : à la fin, écrire les appels du laboratoire dans un fichier de scénario, sa narration restant à écrire ; --scenario-folder le charge.</translation>
    </message>
    <message>
        <source>--save-scenario goes with --lab.</source>
        <translation>--save-scenario va avec --lab.</translation>
    </message>
    <message>
        <source>Run a program under SocketScope and show its socket calls: one quoted command line (&quot;./server 5000&quot;), split into words as a shell would, without a shell. Repeat it for several programs.</source>
        <translation>Lancer un programme sous SocketScope et montrer ses appels sur les sockets : une ligne de commande entre guillemets (« ./serveur 5000 »), découpée en mots comme le ferait un shell, sans shell. Répétez l&apos;option pour plusieurs programmes.</translation>
    </message>
    <message>
        <source>COMMAND</source>
        <translation>COMMANDE</translation>
    </message>
    <message>
        <source>With --run: pause the programs before each socket call; Next lets it go.</source>
        <translation>Avec --run : mettre les programmes en pause avant chaque appel sur une socket ; Suivant le laisse passer.</translation>
    </message>
    <message>
        <source>--run: &quot;%1&quot; names no program.</source>
        <translation>--run : « %1 » ne nomme aucun programme.</translation>
    </message>
    <message>
        <source>--headless needs --scenario ID (--list-scenarios lists them), --replay FILE or --run COMMAND.</source>
        <translation>--headless a besoin de --scenario ID (--list-scenarios les liste), de --replay FICHIER ou de --run COMMANDE.</translation>
    </message>
    <message>
        <source>Trace a program that is already running, by its process number, from now on (where the system lets you: your own process, Yama&apos;s ptrace_scope 0). When SocketScope ends, it goes on, untraced. Repeatable; goes with --run.</source>
        <translation>Tracer un programme déjà lancé, par son numéro de processus, à partir de maintenant (là où le système le permet : votre propre processus, ptrace_scope de Yama à 0). Quand SocketScope se termine, il continue, sans être tracé. Répétable ; va avec --run.</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>--attach: %1 is SocketScope itself.</source>
        <translation>--attach : %1 est SocketScope lui-même.</translation>
    </message>
    <message>
        <source>--run and --attach show the programs they trace: drop --scenario, --replay, --lab, --port and --export-c.</source>
        <translation>--run et --attach montrent les programmes qu’ils tracent : retirez --scenario, --replay, --lab, --port et --export-c.</translation>
    </message>
    <message>
        <source>--step pauses the programs of --run and --attach in the window: use it with them, without --headless.</source>
        <translation>--step met en pause les programmes de --run et --attach dans la fenêtre : utilisez-le avec eux, sans --headless.</translation>
    </message>
    <message>
        <source>--attach: no running process has the number &quot;%1&quot; (ps -e lists them; a thread&apos;s number is not its process&apos;s).</source>
        <translation>--attach : aucun processus en cours ne porte le numéro « %1 » (ps -e les liste ; le numéro d’un thread n’est pas celui de son processus).</translation>
    </message>
</context>
<context>
    <name>CommandWords</name>
    <message>
        <source>The command line ends with a backslash, which escapes nothing.</source>
        <translation>La ligne de commande se termine par une barre oblique inverse, qui n’échappe rien.</translation>
    </message>
    <message>
        <source>The quote %1 opened at character %2 is not closed.</source>
        <translation>Le guillemet %1 ouvert au caractère %2 n’est pas refermé.</translation>
    </message>
</context>
<context>
    <name>DisplayText</name>
    <message numerus="yes">
        <source>%n bytes not kept</source>
        <translation>
            <numerusform>%n octet non conservé</numerusform>
            <numerusform>%n octets non conservés</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Errno</name>
    <message>
        <source>Permission denied: ports below 1024 are reserved to root (or to a program with CAP_NET_BIND_SERVICE).</source>
        <translation>Permission refusée : les ports inférieurs à 1024 sont réservés à root (ou à un programme qui a CAP_NET_BIND_SERVICE).</translation>
    </message>
    <message>
        <source>Another socket already has this address and port: a port identifies one application on the machine.</source>
        <translation>Une autre socket a déjà cette adresse et ce port : un port identifie une seule application sur la machine.</translation>
    </message>
    <message>
        <source>This address does not belong to any interface of this machine, so a socket cannot be bound to it.</source>
        <translation>Cette adresse n&apos;appartient à aucune interface de cette machine : on ne peut pas y attacher une socket.</translation>
    </message>
    <message>
        <source>The address family of the sockaddr does not match the socket&apos;s family (AF_INET versus AF_INET6).</source>
        <translation>La famille d&apos;adresse du sockaddr ne correspond pas à celle de la socket (AF_INET contre AF_INET6).</translation>
    </message>
    <message>
        <source>Nothing is ready yet and the call was asked not to wait (non-blocking socket or MSG_DONTWAIT).</source>
        <translation>Rien n&apos;est encore prêt et l&apos;appel ne devait pas attendre (socket non bloquante ou MSG_DONTWAIT).</translation>
    </message>
    <message>
        <source>A connection attempt is already in progress on this socket.</source>
        <translation>Une tentative de connexion est déjà en cours sur cette socket.</translation>
    </message>
    <message>
        <source>This descriptor is not open: it was never created or was already closed.</source>
        <translation>Ce descripteur n&apos;est pas ouvert : il n&apos;a jamais été créé ou il est déjà fermé.</translation>
    </message>
    <message>
        <source>The wait was cancelled by SocketScope before the call completed (reset, stop or window closed).</source>
        <translation>L&apos;attente a été annulée par SocketScope avant la fin de l&apos;appel (recommencer, arrêt ou fenêtre fermée).</translation>
    </message>
    <message>
        <source>The connection was aborted before accept() could pick it up.</source>
        <translation>La connexion a été interrompue avant qu&apos;accept() ne décroche.</translation>
    </message>
    <message>
        <source>Nobody is listening on that address and port: the peer&apos;s system answered with a reset (RST), the line is dead.</source>
        <translation>Personne n&apos;écoute à cette adresse et sur ce port : le système d&apos;en face a répondu par un reset (RST), la ligne est morte.</translation>
    </message>
    <message>
        <source>The peer reset the connection (RST) instead of closing it normally.</source>
        <translation>Le correspondant a réinitialisé la connexion (RST) au lieu de la fermer normalement.</translation>
    </message>
    <message>
        <source>This socket is not connected, so the call needs a destination address (use sendto).</source>
        <translation>Cette socket n&apos;est pas connectée : l&apos;appel a besoin d&apos;une adresse de destination (utilisez sendto).</translation>
    </message>
    <message>
        <source>A pointer given to the call points outside the program&apos;s memory.</source>
        <translation>Un pointeur passé à l&apos;appel pointe hors de la mémoire du programme.</translation>
    </message>
    <message>
        <source>No route leads to that host.</source>
        <translation>Aucune route ne mène à cet hôte.</translation>
    </message>
    <message>
        <source>The non-blocking connect() has started; the handshake finishes later.</source>
        <translation>Le connect() non bloquant a commencé ; la poignée de main se termine plus tard.</translation>
    </message>
    <message>
        <source>A signal interrupted the call before it could finish.</source>
        <translation>Un signal a interrompu l&apos;appel avant sa fin.</translation>
    </message>
    <message>
        <source>An argument is not valid for this socket in its current state (for example listen() before bind, or bind twice).</source>
        <translation>Un argument n&apos;est pas valide pour cette socket dans son état actuel (par exemple listen() avant bind, ou deux bind).</translation>
    </message>
    <message>
        <source>This socket is already connected.</source>
        <translation>Cette socket est déjà connectée.</translation>
    </message>
    <message>
        <source>The process has opened as many descriptors as it may.</source>
        <translation>Le processus a ouvert autant de descripteurs qu&apos;il le peut.</translation>
    </message>
    <message>
        <source>The datagram is larger than the protocol allows.</source>
        <translation>Le datagramme est plus grand que ce que le protocole permet.</translation>
    </message>
    <message>
        <source>No network route leads to that address.</source>
        <translation>Aucune route réseau ne mène à cette adresse.</translation>
    </message>
    <message>
        <source>The whole system has run out of open files.</source>
        <translation>Le système entier n&apos;a plus de fichiers ouverts disponibles.</translation>
    </message>
    <message>
        <source>The kernel has no buffer space left for this socket.</source>
        <translation>Le noyau n&apos;a plus de mémoire tampon pour cette socket.</translation>
    </message>
    <message>
        <source>No socket file exists at that AF_UNIX path.</source>
        <translation>Aucun fichier de socket n&apos;existe à ce chemin AF_UNIX.</translation>
    </message>
    <message>
        <source>This option does not exist at that level for this socket.</source>
        <translation>Cette option n&apos;existe pas à ce niveau pour cette socket.</translation>
    </message>
    <message>
        <source>The socket is not connected: there is nobody on the line.</source>
        <translation>La socket n&apos;est pas connectée : il n&apos;y a personne au bout du fil.</translation>
    </message>
    <message>
        <source>This descriptor is a file, not a socket.</source>
        <translation>Ce descripteur est un fichier, pas une socket.</translation>
    </message>
    <message>
        <source>This socket type does not support that operation (for example listen() on a UDP socket).</source>
        <translation>Ce type de socket ne permet pas cette opération (par exemple listen() sur une socket UDP).</translation>
    </message>
    <message>
        <source>The operation is not permitted.</source>
        <translation>L&apos;opération n&apos;est pas permise.</translation>
    </message>
    <message>
        <source>Writing on a connection the peer has closed: the pipe is broken (and SIGPIPE is sent unless MSG_NOSIGNAL is set).</source>
        <translation>Écriture sur une connexion que le correspondant a fermée : le tube est rompu (et SIGPIPE est envoyé sauf avec MSG_NOSIGNAL).</translation>
    </message>
    <message>
        <source>This protocol is not supported for that family and type.</source>
        <translation>Ce protocole n&apos;est pas pris en charge pour cette famille et ce type.</translation>
    </message>
    <message>
        <source>The protocol does not match the socket type.</source>
        <translation>Le protocole ne correspond pas au type de socket.</translation>
    </message>
    <message>
        <source>This socket type is not supported in that family.</source>
        <translation>Ce type de socket n&apos;est pas pris en charge dans cette famille.</translation>
    </message>
    <message>
        <source>The peer never answered in time.</source>
        <translation>Le correspondant n&apos;a jamais répondu à temps.</translation>
    </message>
    <message>
        <source>This name or service is not in /etc/hosts, /etc/services or the DNS.</source>
        <translation>Ce nom ou ce service n&apos;est ni dans /etc/hosts, ni dans /etc/services, ni dans le DNS.</translation>
    </message>
    <message>
        <source>This service is not known for the requested socket type.</source>
        <translation>Ce service n&apos;est pas connu pour le type de socket demandé.</translation>
    </message>
    <message>
        <source>The name server did not answer; try again later.</source>
        <translation>Le serveur de noms n&apos;a pas répondu ; réessayez plus tard.</translation>
    </message>
    <message>
        <source>The name server failed for good.</source>
        <translation>Le serveur de noms a échoué définitivement.</translation>
    </message>
    <message>
        <source>This address family is not supported.</source>
        <translation>Cette famille d&apos;adresses n&apos;est pas prise en charge.</translation>
    </message>
    <message>
        <source>This socket type is not supported.</source>
        <translation>Ce type de socket n&apos;est pas pris en charge.</translation>
    </message>
    <message>
        <source>The hints have flags that do not go together.</source>
        <translation>Les indications (hints) ont des options incompatibles.</translation>
    </message>
    <message>
        <source>Out of memory.</source>
        <translation>Mémoire épuisée.</translation>
    </message>
    <message>
        <source>A system error happened; errno says which.</source>
        <translation>Une erreur système s&apos;est produite ; errno dit laquelle.</translation>
    </message>
    <message>
        <source>The buffer for the name was too small.</source>
        <translation>Le tampon pour le nom était trop petit.</translation>
    </message>
    <message>
        <source>The name lookup failed; see getaddrinfo(3).</source>
        <translation>La résolution du nom a échoué ; voir getaddrinfo(3).</translation>
    </message>
    <message>
        <source>The system call failed; see its manual page.</source>
        <translation>L&apos;appel système a échoué ; voir sa page de manuel.</translation>
    </message>
    <message>
        <source>No socket listens behind that path: the file may be there, but nobody answers.</source>
        <translation>Aucune socket n&apos;écoute derrière ce chemin : le fichier est peut-être là, mais personne ne répond.</translation>
    </message>
    <message>
        <source>No program receives on that port: the peer&apos;s system answered an earlier datagram with an ICMP &quot;port unreachable&quot; message, reported on this connected UDP socket.</source>
        <translation>Aucun programme ne reçoit sur ce port : le système d&apos;en face a répondu à un datagramme précédent par un message ICMP « port inaccessible », signalé sur cette socket UDP connectée.</translation>
    </message>
    <message>
        <source>Sending to a broadcast address needs the SO_BROADCAST option on the socket.</source>
        <translation>Envoyer à une adresse de diffusion (broadcast) demande l&apos;option SO_BROADCAST sur la socket.</translation>
    </message>
    <message>
        <source>No permission on that path: its folder or file does not let this user in.</source>
        <translation>Pas de permission sur ce chemin : son dossier ou son fichier n&apos;autorise pas cet utilisateur.</translation>
    </message>
    <message>
        <source>SocketScope could not start its child-process program (socketscope-child), which makes the child&apos;s calls.</source>
        <translation>SocketScope n&apos;a pas pu lancer son programme de processus fils (socketscope-child), qui fait les appels du fils.</translation>
    </message>
    <message>
        <source>A signal stopped the call on its way; the program never sees this code: the kernel makes the call again, or the program gets EINTR if its signal handler asked for that.</source>
        <translation>Un signal a arrêté l’appel en chemin ; le programme ne voit jamais ce code : le noyau refait l’appel, ou le programme reçoit EINTR si son gestionnaire de signal l’a demandé.</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Stage</source>
        <translation>Scène</translation>
    </message>
    <message>
        <source>Sequence diagram</source>
        <translation>Diagramme de séquence</translation>
    </message>
    <message>
        <source>5-tuples</source>
        <translation>Quintuplets</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Octets</translation>
    </message>
    <message>
        <source>TCP state machine</source>
        <translation>Automate d&apos;états TCP</translation>
    </message>
</context>
<context>
    <name>Headless</name>
    <message>
        <source>--scenario: no scenario has the id &quot;%1&quot;; --list-scenarios lists them.</source>
        <translation>--scenario : aucun scénario n&apos;a l&apos;identifiant « %1 » ; --list-scenarios les liste.</translation>
    </message>
    <message>
        <source>Expected outcome: %1</source>
        <translation>Résultat attendu : %1</translation>
    </message>
    <message>
        <source>The expected outcome did not happen:</source>
        <translation>Le résultat attendu ne s&apos;est pas produit :</translation>
    </message>
    <message>
        <source>cause unknown</source>
        <translation>cause inconnue</translation>
    </message>
    <message>
        <source>caused by #%1 %2 (%3)</source>
        <translation>causé par #%1 %2 (%3)</translation>
    </message>
    <message>
        <source>inferred packet</source>
        <translation>paquet inféré</translation>
    </message>
    <message>
        <source>packet</source>
        <translation>paquet</translation>
    </message>
    <message>
        <source>The packets shown are inferred from the calls.</source>
        <translation>Les paquets affichés sont déduits des appels.</translation>
    </message>
    <message>
        <source>To capture the real packets without running SocketScope as root:</source>
        <translation>Pour capturer les vrais paquets sans lancer SocketScope en root :</translation>
    </message>
    <message>
        <source>Port %1 is busy: the system chooses a free port for this run (--port N sets one).</source>
        <translation>Le port %1 est occupé : le système choisit un port libre pour cette exécution (--port N en fixe un).</translation>
    </message>
    <message>
        <source>--replay: %1 cannot be replayed: %2</source>
        <translation>--replay : %1 ne peut pas être rejoué : %2</translation>
    </message>
    <message>
        <source>Replay of %1: %2</source>
        <translation>Rejeu de %1 : %2</translation>
    </message>
    <message>
        <source>+++ killed by %1 +++</source>
        <translation>+++ tué par %1 +++</translation>
    </message>
    <message>
        <source>+++ exited with %1 +++</source>
        <translation>+++ terminé avec le code %1 +++</translation>
    </message>
    <message>
        <source>Port %1 is busy: this run uses port %2 (--port N sets one).</source>
        <translation>Le port %1 est occupé : cette exécution utilise le port %2 (--port N en fixe un).</translation>
    </message>
</context>
<context>
    <name>JsonFields</name>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation>doit être un nombre entier de %1 à %2</translation>
    </message>
    <message>
        <source>is missing</source>
        <translation>manque</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>doit valoir true ou false</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>doit être une chaîne</translation>
    </message>
    <message>
        <source>is longer than %1 characters</source>
        <translation>dépasse %1 caractères</translation>
    </message>
    <message>
        <source>must be a non-empty string</source>
        <translation>doit être une chaîne non vide</translation>
    </message>
    <message>
        <source>must be pairs of hexadecimal digits</source>
        <translation>doit être des paires de chiffres hexadécimaux</translation>
    </message>
    <message>
        <source>must be a list of strings</source>
        <translation>doit être une liste de chaînes</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>doit être un objet</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>doit être une liste</translation>
    </message>
    <message>
        <source>has more than %1 items</source>
        <translation>a plus de %1 éléments</translation>
    </message>
    <message>
        <source>must list descriptors, whole numbers from 0 to %1</source>
        <translation>doit lister des descripteurs, des nombres entiers de 0 à %1</translation>
    </message>
</context>
<context>
    <name>LabConsole</name>
    <message>
        <source>&quot;%1&quot; is not a socket id: a number, or &quot;.&quot; for the current socket</source>
        <translation>« %1 » n&apos;est pas un identifiant de socket : un nombre, ou « . » pour la socket courante</translation>
    </message>
    <message>
        <source>A host is needed: &quot;*&quot; for any address, &quot;.&quot; for this machine, an address or a name</source>
        <translation>Il faut une machine : « * » pour n&apos;importe quelle adresse, « . » pour cette machine, une adresse ou un nom</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a host: &quot;*&quot; for any address, &quot;.&quot; for this machine, an IPv4 or IPv6 address, or a name of letters, digits, &apos;-&apos; and &apos;.&apos;</source>
        <translation>« %1 » n&apos;est pas une machine : « * » pour n&apos;importe quelle adresse, « . » pour cette machine, une adresse IPv4 ou IPv6, ou un nom fait de lettres, de chiffres, de « - » et de « . »</translation>
    </message>
    <message>
        <source>Port %1 is out of range: 0 to 65535</source>
        <translation>Port %1 hors limites : de 0 à 65535</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a port: a number from 0 to 65535 or a service name of /etc/services</source>
        <translation>« %1 » n&apos;est pas un port : un nombre de 0 à 65535 ou un nom de service de /etc/services</translation>
    </message>
    <message>
        <source>%1 is too large: %2 at most</source>
        <translation>%1 est trop grand : %2 au plus</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number</source>
        <translation>« %1 » n&apos;est pas un nombre</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a direction: in, out or both</source>
        <translation>« %1 » n&apos;est pas un sens : in, out ou both</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a protocol: tcp or udp</source>
        <translation>« %1 » n&apos;est pas un protocole : tcp ou udp</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a timeout: milliseconds, or -1 to wait forever</source>
        <translation>« %1 » n&apos;est pas un délai : des millisecondes, ou -1 pour attendre sans fin</translation>
    </message>
    <message>
        <source>Note: socklab prints garbage in the row of an IPv6 UDP socket; the lab prints it right.</source>
        <translation>Remarque : socklab affiche n&apos;importe quoi dans la ligne d&apos;une socket UDP IPv6 ; le labo l&apos;affiche correctement.</translation>
    </message>
    <message>
        <source>Note: urecv is recv -oob: it reads one urgent byte, [nb] is not used.</source>
        <translation>Remarque : urecv est recv -oob : il lit un octet urgent, [nb] n&apos;est pas utilisé.</translation>
    </message>
    <message>
        <source>Note: socklab&apos;s usage says [local], but msendto asks for the group, the port and the message: msendto [id] [group] [port] [mesg].</source>
        <translation>Remarque : l&apos;usage de socklab indique [local], mais msendto demande le groupe, le port et le message : msendto [id] [group] [port] [mesg].</translation>
    </message>
    <message>
        <source>Note: bsend turns SO_BROADCAST on, then asks for the host, the port and the message as sendto does.</source>
        <translation>Remarque : bsend active SO_BROADCAST, puis demande la machine, le port et le message comme sendto.</translation>
    </message>
    <message>
        <source>Note: socklab&apos;s number prompts loop forever at the end of the input; the lab stops there.</source>
        <translation>Remarque : à la fin de l&apos;entrée, les questions de nombre de socklab tournent en boucle sans fin ; le labo s&apos;arrête.</translation>
    </message>
    <message>
        <source>The lab also accepts: %1</source>
        <translation>Le labo accepte aussi : %1</translation>
    </message>
    <message>
        <source>AVAILABLE COMMANDS:</source>
        <translation>COMMANDES DISPONIBLES :</translation>
    </message>
    <message>
        <source>help &lt;command&gt; shows its usage and the flags the lab adds to socklab&apos;s.</source>
        <translation>help &lt;commande&gt; montre son usage et les options que le labo ajoute à celles de socklab.</translation>
    </message>
    <message>
        <source>*** %1: ambiguous command</source>
        <translation>*** %1 : commande ambiguë</translation>
    </message>
    <message>
        <source>*** %1: invalid command</source>
        <translation>*** %1 : commande invalide</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: hexadecimal bytes are pairs of digits</source>
        <translation>« %1 » : les octets hexadécimaux sont des paires de chiffres</translation>
    </message>
    <message>
        <source>The message is longer than %1 bytes</source>
        <translation>Le message dépasse %1 octets</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a hexadecimal byte</source>
        <translation>« %1 » n&apos;est pas un octet hexadécimal</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: #n stands for n bytes &apos;*&apos;, n a number alone</source>
        <translation>« %1 » : #n représente n octets « * », n étant un nombre seul</translation>
    </message>
    <message>
        <source>*** invalid quoting</source>
        <translation>*** guillemets invalides</translation>
    </message>
    <message>
        <source>*** invalid command</source>
        <translation>*** commande invalide</translation>
    </message>
    <message>
        <source>*** ambiguous command</source>
        <translation>*** commande ambiguë</translation>
    </message>
    <message>
        <source>Protocol? [tcp/udp] : </source>
        <translation>Protocole ? [tcp/udp] : </translation>
    </message>
    <message>
        <source>Id socket ?: </source>
        <translation>Id de la socket ?: </translation>
    </message>
    <message>
        <source>Id. socket (%1) ?: </source>
        <translation>Id. de la socket (%1) ?: </translation>
    </message>
    <message>
        <source>Host? : </source>
        <translation>Machine ? : </translation>
    </message>
    <message>
        <source>Port? : </source>
        <translation>Port ? : </translation>
    </message>
    <message>
        <source>Nb of requests [5] : </source>
        <translation>Nb de demandes [5] : </translation>
    </message>
    <message>
        <source>Nb of bytes to read [100] : </source>
        <translation>Nb d&apos;octets à lire [100] : </translation>
    </message>
    <message>
        <source>Nb of messages to receive [1] : </source>
        <translation>Nb de messages à recevoir [1] : </translation>
    </message>
    <message>
        <source>Message? : </source>
        <translation>Message ? : </translation>
    </message>
    <message>
        <source>Direction? [in/out/both] : </source>
        <translation>Sens ? [in/out/both] : </translation>
    </message>
    <message>
        <source>Group address? : </source>
        <translation>Adresse du groupe ? : </translation>
    </message>
    <message>
        <source>Option names? : </source>
        <translation>Noms des options ? : </translation>
    </message>
    <message>
        <source>Local interface address? : </source>
        <translation>Adresse de l&apos;interface locale ? : </translation>
    </message>
    <message>
        <source>Id. sockets? : </source>
        <translation>Id. des sockets ? : </translation>
    </message>
    <message>
        <source>Timeout in ms [-1] : </source>
        <translation>Délai en ms [-1] : </translation>
    </message>
    <message>
        <source>Service? : </source>
        <translation>Service ? : </translation>
    </message>
    <message>
        <source>Commands? : </source>
        <translation>Commandes ? : </translation>
    </message>
    <message>
        <source>Note: socklab&apos;s option nodelay sets O_NONBLOCK (fcntl), not TCP_NODELAY. The lab keeps nodelay as socklab&apos;s, so that its scripts work: nodelay and nonblock are O_NONBLOCK, tcpnodelay is TCP_NODELAY.</source>
        <translation>Remarque : l&apos;option nodelay de socklab met O_NONBLOCK (fcntl), pas TCP_NODELAY. Le labo garde le nodelay de socklab, pour que ses scripts marchent : nodelay et nonblock sont O_NONBLOCK, tcpnodelay est TCP_NODELAY.</translation>
    </message>
    <message>
        <source>*** %1 (O_ASYNC: SIGIO when data arrives) is not in the lab: SIGIO would end the lab, which does not catch it; poll or select tell when data is there</source>
        <translation>*** %1 (O_ASYNC : SIGIO à l&apos;arrivée de données) n&apos;est pas dans le labo : SIGIO terminerait le labo, qui ne l&apos;intercepte pas ; poll ou select disent quand des données sont là</translation>
    </message>
    <message>
        <source>*** %1: answer y or n (1 or 0)</source>
        <translation>*** %1 : répondez y ou n (1 ou 0)</translation>
    </message>
    <message>
        <source>*** %1: a whole number from 0 to %2</source>
        <translation>*** %1 : un nombre entier de 0 à %2</translation>
    </message>
    <message>
        <source>*** %1: seconds from 0 to %2, to the millisecond (0.5)</source>
        <translation>*** %1 : des secondes, de 0 à %2, à la milliseconde près (0.5)</translation>
    </message>
    <message>
        <source>*** %1: on or off, then the seconds from 0 to %2: 1,5 or 0</source>
        <translation>*** %1 : activé (1) ou non (0), puis les secondes de 0 à %2 : 1,5 ou 0</translation>
    </message>
    <message>
        <source>*** unknown option %1</source>
        <translation>*** option inconnue %1</translation>
    </message>
    <message>
        <source>*** %1 names several options (%2): give more of its name</source>
        <translation>*** %1 désigne plusieurs options (%2) : donnez davantage de son nom</translation>
    </message>
    <message>
        <source>Options: broadcast debug dontroute keepalive oobinline reuseaddr (SO_*, y or n), nodelay (O_NONBLOCK, as in socklab), rcvbuf sndbuf (bytes), rcvtimeo sndtimeo (seconds, 0.5 for half a second); the lab adds nonblock (O_NONBLOCK again), tcpnodelay (TCP_NODELAY), linger (SO_LINGER: 1,5 is on for 5 seconds, 0 is off), reuseport (SO_REUSEPORT), v6only (IPV6_V6ONLY), ttl (IP_TTL, IPV6_UNICAST_HOPS for IPv6).</source>
        <translation>Options : broadcast debug dontroute keepalive oobinline reuseaddr (SO_*, y ou n), nodelay (O_NONBLOCK, comme dans socklab), rcvbuf sndbuf (octets), rcvtimeo sndtimeo (secondes, 0.5 pour une demi-seconde) ; le labo ajoute nonblock (O_NONBLOCK aussi), tcpnodelay (TCP_NODELAY), linger (SO_LINGER : 1,5 l&apos;active pour 5 secondes, 0 le désactive), reuseport (SO_REUSEPORT), v6only (IPV6_V6ONLY), ttl (IP_TTL, IPV6_UNICAST_HOPS en IPv6).</translation>
    </message>
    <message>
        <source>options id shows every option with its value as getsockopt reads it and asks for a new one (Enter keeps it); a name or the start of one asks only for those; name=value sets it at once: options . reuseaddr=1 linger=1,5 rcvtimeo=2</source>
        <translation>options id montre chaque option avec sa valeur lue par getsockopt et en demande une nouvelle (Entrée la garde) ; un nom, ou son début, ne demande que celles-là ; nom=valeur la règle aussitôt : options . reuseaddr=1 linger=1,5 rcvtimeo=2</translation>
    </message>
    <message>
        <source>asynchrone (O_ASYNC, SIGIO) is not in the lab: SIGIO would end it.</source>
        <translation>asynchrone (O_ASYNC, SIGIO) n&apos;est pas dans le labo : SIGIO le terminerait.</translation>
    </message>
    <message>
        <source>Note: socklab reads mbind&apos;s port from the word after it; the lab takes the port where the usage puts it. mbind binds any address (*), not the loopback: a group&apos;s datagrams are not addressed to 127.0.0.1, and the socket can be reached from other machines.</source>
        <translation>Remarque : socklab lit le port de mbind dans le mot suivant ; le labo le prend là où l&apos;usage le place. mbind attache la socket à toutes les adresses (*), pas au loopback : les datagrammes d&apos;un groupe ne sont pas adressés à 127.0.0.1, et la socket est joignable depuis d&apos;autres machines.</translation>
    </message>
    <message>
        <source>Note: socklab ignores [local] and always joins on INADDR_ANY (the interface of the route to 224.0.0.0/4); the lab joins on the interface whose IPv4 address [local] is (127.0.0.1 or . for the loopback), INADDR_ANY without it.</source>
        <translation>Remarque : socklab ignore [local] et rejoint toujours le groupe sur INADDR_ANY (l&apos;interface de la route vers 224.0.0.0/4) ; le labo le rejoint sur l&apos;interface dont [local] est l&apos;adresse IPv4 (127.0.0.1 ou . pour le loopback), sur INADDR_ANY sans elle.</translation>
    </message>
    <message>
        <source>Note: -loop sends again until a call fails or Ctrl+C; a send that would block waits, and Ctrl+C ends it. The lab stops after %1 sends, since every call stays in its log.</source>
        <translation>Remarque : -loop envoie encore et encore jusqu&apos;à ce qu&apos;un appel échoue ou jusqu&apos;à Ctrl+C ; un envoi qui bloquerait attend, et Ctrl+C l&apos;arrête. Le labo s&apos;arrête après %1 envois, car chaque appel reste dans son journal.</translation>
    </message>
    <message>
        <source>Every command that takes a host resolves a name with getaddrinfo(), shown in the calls; socklab asks for the host again when it fails, and so does the lab.</source>
        <translation>Toute commande qui prend une machine résout un nom avec getaddrinfo(), visible dans les appels ; socklab redemande la machine quand la résolution échoue, le labo aussi.</translation>
    </message>
    <message>
        <source>*** %1 is not the IPv4 address of a local interface (127.0.0.1, *, .)</source>
        <translation>*** %1 n&apos;est pas l&apos;adresse IPv4 d&apos;une interface locale (127.0.0.1, *, .)</translation>
    </message>
    <message>
        <source>*** %1 is not a multicast group: give an IPv4 address from 224.0.0.0 to 239.255.255.255</source>
        <translation>*** %1 n&apos;est pas un groupe multicast : donnez une adresse IPv4 de 224.0.0.0 à 239.255.255.255</translation>
    </message>
    <message>
        <source>Note: the lab has two terminals, like two socklab windows, so that one can be the server and the other the client: terminal 2 makes the next calls from Lab 2. A terminal uses only the sockets it created.</source>
        <translation>Remarque : le labo a deux terminaux, comme deux fenêtres de socklab, pour que l&apos;un soit le serveur et l&apos;autre le client : terminal 2 fait faire les appels suivants par Labo 2. Un terminal n&apos;utilise que les sockets qu&apos;il a créées.</translation>
    </message>
    <message>
        <source>Note: socket6 -dual makes an IPv6 socket that takes IPv4 too (IPV6_V6ONLY off); socklab&apos;s socket6 is IPv6 only.</source>
        <translation>Remarque : socket6 -dual crée une socket IPv6 qui accepte aussi IPv4 (IPV6_V6ONLY désactivée) ; la socket6 de socklab est IPv6 seulement.</translation>
    </message>
    <message>
        <source>Terminal? [1/2] : </source>
        <translation>Terminal ? [1/2] : </translation>
    </message>
    <message>
        <source>Character %1: &quot;%2&quot;: \x takes two hexadecimal digits (\x0a)</source>
        <translation>Caractère %1 : « %2 » : \x prend deux chiffres hexadécimaux (\x0a)</translation>
    </message>
    <message>
        <source>Character %1: a \ ends the text: \\ is one \</source>
        <translation>Caractère %1 : un \ termine le texte : \\ vaut un \</translation>
    </message>
    <message>
        <source>Character %1: &quot;%2&quot; is no escape; the escapes are \n \r \t \0 \\ \&quot; \&apos; \a \b \f \v \xHH</source>
        <translation>Caractère %1 : « %2 » n&apos;est pas un échappement ; les échappements sont \n \r \t \0 \\ \&quot; \&apos; \a \b \f \v \xHH</translation>
    </message>
    <message>
        <source>*** %1 (%2) is read by getsockopt only: it cannot be set</source>
        <translation>*** %1 (%2) se lit seulement par getsockopt : on ne peut pas la régler</translation>
    </message>
    <message>
        <source>options -get id name... shows the values that getsockopt (or fcntl) reads and asks for none: options -get . rcvbuf type error</source>
        <translation>options -get id nom... montre les valeurs que getsockopt (ou fcntl) lit et n&apos;en demande aucune : options -get . rcvbuf type error</translation>
    </message>
    <message>
        <source>*** -hex and -esc: the message is read one way, choose one</source>
        <translation>*** -hex et -esc : le message se lit d&apos;une seule façon, choisissez-en une</translation>
    </message>
    <message>
        <source>The lab&apos;s addition: socket unix makes an AF_UNIX stream socket, socket unixdgram an AF_UNIX datagram socket. For them bind, connect and sendto take a path instead of a host and a port: bind . ./lab.sock, sendto . ./peer.sock hello. A relative path starts from the folder SocketScope was started in, as a program&apos;s.</source>
        <translation>Ajout du labo : socket unix crée une socket AF_UNIX en flux, socket unixdgram une socket AF_UNIX en datagrammes. Pour elles, bind, connect et sendto prennent un chemin au lieu d&apos;une machine et d&apos;un port : bind . ./lab.sock, sendto . ./pair.sock bonjour. Un chemin relatif part du dossier où SocketScope a été lancé, comme pour un programme.</translation>
    </message>
    <message>
        <source>Note: bind of an AF_UNIX socket creates its file, and close does not remove it: a second bind to the same path fails with EADDRINUSE until the file is removed (rm path in a shell; a program calls unlink()).</source>
        <translation>Remarque : bind d&apos;une socket AF_UNIX crée son fichier, et close ne le supprime pas : un second bind sur le même chemin échoue avec EADDRINUSE tant que le fichier n&apos;est pas supprimé (rm chemin dans un shell ; un programme appelle unlink()).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a protocol: tcp, udp, unix (AF_UNIX stream) or unixdgram (AF_UNIX datagram)</source>
        <translation>« %1 » n&apos;est pas un protocole : tcp, udp, unix (AF_UNIX en flux) ou unixdgram (AF_UNIX en datagrammes)</translation>
    </message>
    <message>
        <source>A message is socklab&apos;s text (two blanks are CR LF, a blank at the end LF, #n is n bytes &apos;*&apos;); with -hex it is hexadecimal bytes (0d 0a); with -esc it is text with C&apos;s escapes, blanks as they are: \n \r \t \0 \\ \&quot; \&apos; \a \b \f \v and \xHH (two hexadecimal digits). In the console the quotes group words, and \&quot; is a quote in a word (socklab has no way to type one): with -esc it sends &quot;.</source>
        <translation>Un message est du texte à la socklab (deux blancs font CR LF, un blanc à la fin LF, #n vaut n octets &apos;*&apos;) ; avec -hex, ce sont des octets hexadécimaux (0d 0a) ; avec -esc, c&apos;est du texte avec les échappements du C, les blancs tels quels : \n \r \t \0 \\ \&quot; \&apos; \a \b \f \v et \xHH (deux chiffres hexadécimaux). Dans la console, les guillemets regroupent les mots, et \&quot; est un guillemet dans un mot (socklab ne permet pas d&apos;en taper un) : avec -esc, il envoie &quot;.</translation>
    </message>
    <message>
        <source>Named only, not walked by options id: rcvlowat (SO_RCVLOWAT), error and type (SO_ERROR, SO_TYPE: read only), tcpmaxseg tcpkeepidle tcpkeepintvl tcpkeepcnt (TCP_MAXSEG, TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT), tos multicastttl multicastloop (IP_TOS, IP_MULTICAST_TTL, IP_MULTICAST_LOOP; on an IPv6 socket IPV6_TCLASS, IPV6_MULTICAST_HOPS, IPV6_MULTICAST_LOOP).</source>
        <translation>Seulement par leur nom, options id ne les parcourt pas : rcvlowat (SO_RCVLOWAT), error et type (SO_ERROR, SO_TYPE : en lecture seule), tcpmaxseg tcpkeepidle tcpkeepintvl tcpkeepcnt (TCP_MAXSEG, TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT), tos multicastttl multicastloop (IP_TOS, IP_MULTICAST_TTL, IP_MULTICAST_LOOP ; sur une socket IPv6 IPV6_TCLASS, IPV6_MULTICAST_HOPS, IPV6_MULTICAST_LOOP).</translation>
    </message>
</context>
<context>
    <name>PacketCodec</name>
    <message>
        <source>must be &quot;tcp&quot; or &quot;udp&quot;</source>
        <translation>doit valoir « tcp » ou « udp »</translation>
    </message>
    <message>
        <source>a captured packet needs its frame</source>
        <translation>un paquet capturé a besoin de sa trame</translation>
    </message>
    <message>
        <source>must be an IPv4 or IPv6 address</source>
        <translation>doit être une adresse IPv4 ou IPv6</translation>
    </message>
    <message>
        <source>must be an address of the same family as src_addr</source>
        <translation>doit être une adresse de la même famille que src_addr</translation>
    </message>
</context>
<context>
    <name>PacketDecoder</name>
    <message>
        <source>not an IP frame (EtherType 0x%1)</source>
        <translation>pas une trame IP (EtherType 0x%1)</translation>
    </message>
    <message>
        <source>link type %1 is not decoded</source>
        <translation>le type de lien %1 n&apos;est pas décodé</translation>
    </message>
    <message>
        <source>truncated link-layer header</source>
        <translation>en-tête de liaison tronqué</translation>
    </message>
    <message>
        <source>malformed TCP option at byte %1</source>
        <translation>option TCP mal formée à l&apos;octet %1</translation>
    </message>
    <message>
        <source>IP protocol %1 is neither TCP nor UDP</source>
        <translation>le protocole IP %1 n&apos;est ni TCP ni UDP</translation>
    </message>
    <message>
        <source>truncated TCP header</source>
        <translation>en-tête TCP tronqué</translation>
    </message>
    <message>
        <source>truncated UDP header</source>
        <translation>en-tête UDP tronqué</translation>
    </message>
    <message>
        <source>bad TCP header length %1</source>
        <translation>longueur d&apos;en-tête TCP invalide : %1</translation>
    </message>
    <message>
        <source>truncated IP header</source>
        <translation>en-tête IP tronqué</translation>
    </message>
    <message>
        <source>truncated IPv4 header</source>
        <translation>en-tête IPv4 tronqué</translation>
    </message>
    <message>
        <source>an IPv4 fragment after the first</source>
        <translation>un fragment IPv4 qui n&apos;est pas le premier</translation>
    </message>
    <message>
        <source>truncated IPv6 header</source>
        <translation>en-tête IPv6 tronqué</translation>
    </message>
    <message>
        <source>IP version %1 is not decoded</source>
        <translation>la version IP %1 n&apos;est pas décodée</translation>
    </message>
</context>
<context>
    <name>Pcap</name>
    <message>
        <source>not a pcap stream (magic number %1)</source>
        <translation>pas un flux pcap (nombre magique %1)</translation>
    </message>
    <message>
        <source>corrupt pcap stream: a record claims %1 bytes</source>
        <translation>flux pcap corrompu : un enregistrement annonce %1 octets</translation>
    </message>
</context>
<context>
    <name>Scenario</name>
    <message>
        <source>another scenario already has the id &quot;%1&quot;</source>
        <translation>un autre scénario a déjà l&apos;identifiant « %1 »</translation>
    </message>
    <message>
        <source>must be a non-empty string</source>
        <translation>doit être une chaîne non vide</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>doit être une chaîne</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation>doit être un nombre entier de %1 à %2</translation>
    </message>
    <message>
        <source>must be an object with &quot;fr&quot; and &quot;en&quot; texts</source>
        <translation>doit être un objet avec les textes « fr » et « en »</translation>
    </message>
    <message>
        <source>the French text is missing</source>
        <translation>le texte français manque</translation>
    </message>
    <message>
        <source>the English text is missing</source>
        <translation>le texte anglais manque</translation>
    </message>
    <message>
        <source>must be a name or a list of names</source>
        <translation>doit être un nom ou une liste de noms</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of %2</source>
        <translation>« %1 » n&apos;est pas l&apos;un de %2</translation>
    </message>
    <message>
        <source>must be pairs of hexadecimal digits</source>
        <translation>doit être des paires de chiffres hexadécimaux</translation>
    </message>
    <message>
        <source>is required for this call</source>
        <translation>est obligatoire pour cet appel</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>doit être un objet</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an errno name</source>
        <translation>« %1 » n&apos;est pas un nom d&apos;errno</translation>
    </message>
    <message>
        <source>no earlier step of this actor keeps an address named &quot;%1&quot;</source>
        <translation>aucune étape précédente de cet acteur ne garde d&apos;adresse nommée « %1 »</translation>
    </message>
    <message>
        <source>must be a list of {&quot;fd&quot;: name, &quot;events&quot;: [...]}</source>
        <translation>doit être une liste de {&quot;fd&quot;: nom, &quot;events&quot;: [...]}</translation>
    </message>
    <message>
        <source>no earlier step of this actor creates a descriptor named &quot;%1&quot;</source>
        <translation>aucune étape précédente de cet acteur ne crée de descripteur nommé « %1 »</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of the scenario&apos;s actors</source>
        <translation>« %1 » n&apos;est pas l&apos;un des acteurs du scénario</translation>
    </message>
    <message>
        <source>is required: SOCK_STREAM or SOCK_DGRAM</source>
        <translation>est obligatoire : SOCK_STREAM ou SOCK_DGRAM</translation>
    </message>
    <message>
        <source>is required for setsockopt</source>
        <translation>est obligatoire pour setsockopt</translation>
    </message>
    <message>
        <source>getaddrinfo needs a host, a service or both</source>
        <translation>getaddrinfo a besoin d&apos;un hôte, d&apos;un service ou des deux</translation>
    </message>
    <message>
        <source>only socket and accept create a descriptor; use &quot;address_as&quot; to keep an address</source>
        <translation>seuls socket et accept créent un descripteur ; utilisez « address_as » pour garder une adresse</translation>
    </message>
    <message>
        <source>this call returns no address</source>
        <translation>cet appel ne renvoie pas d&apos;adresse</translation>
    </message>
    <message>
        <source>the call was cancelled</source>
        <translation>l&apos;appel a été annulé</translation>
    </message>
    <message>
        <source>expected %1, got %2</source>
        <translation>%1 attendu, %2 obtenu</translation>
    </message>
    <message>
        <source>expected success, got %1 (%2)</source>
        <translation>succès attendu, %1 obtenu (%2)</translation>
    </message>
    <message>
        <source>expected %1 to be returned, got %2</source>
        <translation>valeur de retour %1 attendue, %2 obtenue</translation>
    </message>
    <message>
        <source>expected to receive &quot;%1&quot;, got &quot;%2&quot;</source>
        <translation>réception de « %1 » attendue, « %2 » reçu</translation>
    </message>
    <message>
        <source>%1: field &quot;%2&quot;: %3</source>
        <translation>%1 : champ « %2 » : %3</translation>
    </message>
    <message>
        <source>%1: step %2: field &quot;%3&quot;: %4</source>
        <translation>%1 : étape %2 : champ « %3 » : %4</translation>
    </message>
    <message>
        <source>not valid JSON at byte %1: %2</source>
        <translation>JSON invalide à l&apos;octet %1 : %2</translation>
    </message>
    <message>
        <source>a scenario is a JSON object</source>
        <translation>un scénario est un objet JSON</translation>
    </message>
    <message>
        <source>must be a non-empty list</source>
        <translation>doit être une liste non vide</translation>
    </message>
    <message>
        <source>&quot;%1&quot; appears twice</source>
        <translation>« %1 » apparaît deux fois</translation>
    </message>
    <message>
        <source>a step is a JSON object</source>
        <translation>une étape est un objet JSON</translation>
    </message>
    <message>
        <source>must be, with a numeric address, a number from 0 to 65535, &quot;$port&quot; for the scenario&apos;s port, or &quot;$port_without_htons&quot; for it as a program that forgot htons() would write it</source>
        <translation>doit être, avec une adresse numérique, un nombre de 0 à 65535, « $port » pour le port du scénario, ou « $port_without_htons » pour ce port tel que l&apos;écrirait un programme qui a oublié htons()</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a numeric IPv4 address</source>
        <translation>« %1 » n&apos;est pas une adresse IPv4 numérique</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a multicast group (224.0.0.0 to 239.255.255.255)</source>
        <translation>« %1 » n&apos;est pas un groupe multicast (224.0.0.0 à 239.255.255.255)</translation>
    </message>
    <message>
        <source>&quot;$dir/&quot; is followed by a file name</source>
        <translation>« $dir/ » est suivi d&apos;un nom de fichier</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not another actor of the scenario</source>
        <translation>« %1 » n&apos;est pas un autre acteur du scénario</translation>
    </message>
    <message>
        <source>&quot;%1&quot; already made calls of its own: a child starts at the fork</source>
        <translation>« %1 » a déjà fait ses propres appels : un fils commence au fork</translation>
    </message>
    <message>
        <source>a child process cannot fork again here</source>
        <translation>un processus fils ne peut pas refaire fork ici</translation>
    </message>
    <message>
        <source>&quot;%1&quot; takes a value that scenarios cannot give yet</source>
        <translation>« %1 » prend une valeur que les scénarios ne savent pas encore donner</translation>
    </message>
    <message>
        <source>&quot;%1&quot; takes no name: write ${%2}</source>
        <translation>&quot;%1&quot; ne prend pas de nom : écrivez ${%2}</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: write ${%2}, in a step whose call is given an address (bind, connect, sendto)</source>
        <translation>&quot;%1&quot; : écrivez ${%2}, dans une étape dont l&apos;appel reçoit une adresse (bind, connect, sendto)</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: no step of this actor up to this one creates a descriptor named &quot;%2&quot;</source>
        <translation>&quot;%1&quot; : aucune étape de cet acteur, jusqu&apos;à celle-ci, ne crée de descripteur nommé &quot;%2&quot;</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: no step of this actor up to this one keeps an address named &quot;%2&quot;</source>
        <translation>&quot;%1&quot; : aucune étape de cet acteur, jusqu&apos;à celle-ci, ne garde d&apos;adresse nommée &quot;%2&quot;</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a placeholder; the placeholders are %2</source>
        <translation>&quot;%1&quot; n&apos;est pas un emplacement à remplir ; les emplacements sont %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not closed by &quot;}&quot;</source>
        <translation>&quot;%1&quot; n&apos;est pas fermé par &quot;}&quot;</translation>
    </message>
    <message>
        <source>${port} names the port of a step that uses &quot;$port&quot;, and no step of this scenario does</source>
        <translation>${port} désigne le port d&apos;une étape qui utilise &quot;$port&quot;, et aucune étape de ce scénario ne le fait</translation>
    </message>
    <message>
        <source>must be F_GETFL or F_SETFL</source>
        <translation>doit être F_GETFL ou F_SETFL</translation>
    </message>
    <message>
        <source>only F_SETFL takes flags</source>
        <translation>seul F_SETFL prend des drapeaux</translation>
    </message>
    <message>
        <source>the calls a program made are replayed from its saved session, not run as a scenario</source>
        <translation>les appels qu&apos;un programme a faits se rejouent depuis sa session enregistrée, ils ne s&apos;exécutent pas comme un scénario</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>doit valoir true ou false</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a call SocketScope knows</source>
        <translation>« %1 » n&apos;est pas un appel que SocketScope connaît</translation>
    </message>
</context>
<context>
    <name>Screenshot</name>
    <message>
        <source>--screenshot: could not write %1.</source>
        <translation>--screenshot : impossible d&apos;écrire %1.</translation>
    </message>
</context>
<context>
    <name>SessionFile</name>
    <message>
        <source>the file has more than %1 lines; SocketScope replays sessions of up to %1 events</source>
        <translation>le fichier a plus de %1 lignes ; SocketScope rejoue des sessions d&apos;au plus %1 événements</translation>
    </message>
    <message>
        <source>the line is longer than %1 MiB</source>
        <translation>la ligne dépasse %1 Mio</translation>
    </message>
    <message>
        <source>the line stops in the middle: the file was cut short</source>
        <translation>la ligne s&apos;arrête au milieu : le fichier a été tronqué</translation>
    </message>
    <message>
        <source>not valid JSON at character %1: %2</source>
        <translation>JSON invalide au caractère %1 : %2</translation>
    </message>
    <message>
        <source>each line is a JSON object</source>
        <translation>chaque ligne est un objet JSON</translation>
    </message>
    <message>
        <source>the file is empty: it holds no saved session</source>
        <translation>le fichier est vide : il ne contient aucune session enregistrée</translation>
    </message>
    <message>
        <source>not a SocketScope session: the first line must be its header (&quot;kind&quot;: &quot;session&quot;). A trace saved by SocketScope before sessions could be replayed has none.</source>
        <translation>ce n&apos;est pas une session SocketScope : la première ligne doit être son en-tête (&quot;kind&quot;: &quot;session&quot;). Une trace enregistrée par SocketScope avant qu&apos;on puisse rejouer les sessions n&apos;en a pas.</translation>
    </message>
    <message>
        <source>this session was saved by a newer SocketScope (format %1); this version reads format %2 and older</source>
        <translation>cette session a été enregistrée par un SocketScope plus récent (format %1) ; cette version lit le format %2 et les plus anciens</translation>
    </message>
    <message>
        <source>must be &quot;fr&quot; or &quot;en&quot;</source>
        <translation>doit valoir « fr » ou « en »</translation>
    </message>
    <message>
        <source>must be &quot;captured&quot; or &quot;inferred&quot;</source>
        <translation>doit valoir « captured » ou « inferred »</translation>
    </message>
    <message>
        <source>the saved scenario</source>
        <translation>le scénario enregistré</translation>
    </message>
    <message>
        <source>seq %1 appears twice</source>
        <translation>le seq %1 apparaît deux fois</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of the scenario&apos;s actors</source>
        <translation>« %1 » n&apos;est pas un des acteurs du scénario</translation>
    </message>
    <message>
        <source>a second header: one file holds one session</source>
        <translation>un second en-tête : un fichier contient une seule session</translation>
    </message>
    <message>
        <source>must be a whole number from 1</source>
        <translation>doit être un nombre entier à partir de 1</translation>
    </message>
    <message>
        <source>the scenario has %1 steps</source>
        <translation>le scénario a %1 étapes</translation>
    </message>
    <message>
        <source>two calls (seq %1 and %2) say they returned in the same place</source>
        <translation>deux appels (seq %1 et %2) disent être revenus à la même place</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>ligne %1 : %2</translation>
    </message>
    <message>
        <source>Cannot write the session to %1: %2</source>
        <translation>Impossible d&apos;écrire la session dans %1 : %2</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>impossible d&apos;ouvrir %1 : %2</translation>
    </message>
    <message>
        <source>No packet was captured, so %1 was not written: inferred packets are never put in a pcap file.</source>
        <translation>Aucun paquet n&apos;a été capturé, donc %1 n&apos;a pas été écrit : les paquets inférés ne vont jamais dans un fichier pcap.</translation>
    </message>
    <message>
        <source>Cannot write the packets to %1: %2</source>
        <translation>Impossible d&apos;écrire les paquets dans %1 : %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a call SocketScope knows</source>
        <translation>« %1 » n&apos;est pas un appel que SocketScope connaît</translation>
    </message>
    <message>
        <source>&quot;kind&quot; must be &quot;step&quot;, &quot;call&quot;, &quot;call_start&quot;, &quot;packet&quot;, &quot;process_end&quot; or &quot;outcome&quot;</source>
        <translation>« kind » doit valoir « step », « call », « call_start », « packet », « process_end » ou « outcome »</translation>
    </message>
    <message>
        <source>a process killed by a signal has no exit status</source>
        <translation>un processus tué par un signal n’a pas de code de sortie</translation>
    </message>
    <message>
        <source>a process that runs another program goes on: it has no exit status nor signal</source>
        <translation>un processus qui exécute un autre programme continue : il n’a ni statut de sortie ni signal</translation>
    </message>
    <message>
        <source>must list the sockets the exec closed</source>
        <translation>doit lister les sockets que l’exec a fermées</translation>
    </message>
    <message>
        <source>only an exec closes some sockets and not the others</source>
        <translation>seul un exec ferme certaines sockets et pas les autres</translation>
    </message>
</context>
<context>
    <name>SocketAddress</name>
    <message>
        <source>&quot;%1&quot; is not an IPv4 address (like 127.0.0.1) or an IPv6 address (like ::1).</source>
        <translation>« %1 » n&apos;est pas une adresse IPv4 (comme 127.0.0.1) ni une adresse IPv6 (comme ::1).</translation>
    </message>
    <message>
        <source>An AF_UNIX path cannot contain a NUL byte.</source>
        <translation>Un chemin AF_UNIX ne peut pas contenir d&apos;octet NUL.</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: an IPv6 endpoint is written [address]:port.</source>
        <translation>« %1 » : un point d&apos;accès IPv6 s&apos;écrit [adresse]:port.</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: an endpoint is written address:port, like 127.0.0.1:5000 or [::1]:5000.</source>
        <translation>« %1 » : un point d&apos;accès s&apos;écrit adresse:port, comme 127.0.0.1:5000 ou [::1]:5000.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a port: a port is a whole number from 0 to 65535.</source>
        <translation>« %1 » n&apos;est pas un port : un port est un nombre entier de 0 à 65535.</translation>
    </message>
    <message>
        <source>A path is needed: an AF_UNIX socket&apos;s address is a file name, like ./lab.sock.</source>
        <translation>Il faut un chemin : l&apos;adresse d&apos;une socket AF_UNIX est un nom de fichier, comme ./lab.sock.</translation>
    </message>
    <message>
        <source>The AF_UNIX path has %1 bytes: sun_path holds %2 with the NUL that ends it, so %3 at most.</source>
        <translation>Le chemin AF_UNIX a %1 octets : sun_path en contient %2 avec le NUL qui le termine, donc %3 au plus.</translation>
    </message>
</context>
<context>
    <name>SocketDiag</name>
    <message>
        <source>%1: netlink sock_diag failed: %2 (%3): %4</source>
        <translation>%1 : échec de netlink sock_diag : %2 (%3) : %4</translation>
    </message>
    <message>
        <source>All sockets</source>
        <translation>Toutes les sockets</translation>
    </message>
</context>
<context>
    <name>SocketRow</name>
    <message>
        <source>%1 (%2 s left)</source>
        <translation>%1 (encore %2 s)</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n retransmission(s)</source>
        <translation>
            <numerusform>%1, %n retransmission</numerusform>
            <numerusform>%1, %n retransmissions</numerusform>
        </translation>
    </message>
    <message>
        <source>retransmission</source>
        <translation>retransmission</translation>
    </message>
    <message>
        <source>keepalive</source>
        <translation>keepalive</translation>
    </message>
    <message>
        <source>TIME_WAIT</source>
        <translation>TIME_WAIT</translation>
    </message>
    <message>
        <source>zero-window probe</source>
        <translation>sonde de fenêtre nulle</translation>
    </message>
</context>
<context>
    <name>SocketScope::AcceptQueueView</name>
    <message>
        <source>Accept queue</source>
        <translation>File d&apos;attente d&apos;accept</translation>
    </message>
    <message>
        <source>listen() was given a backlog of %1: Linux lets %2 established connections wait for accept(), then drops new SYNs until one is taken.</source>
        <translation>listen() a reçu un backlog de %1 : Linux laisse %2 connexions établies attendre accept(), puis ignore les nouveaux SYN jusqu&apos;à ce qu&apos;une soit prise.</translation>
    </message>
    <message>
        <source>%1 of %2 waiting to be accepted</source>
        <translation>%1 sur %2 en attente d&apos;accept()</translation>
    </message>
    <message>
        <source>No handshake in progress</source>
        <translation>Aucune poignée de main en cours</translation>
    </message>
    <message>
        <source>Handshake in progress (SYN received):</source>
        <translation>Poignée de main en cours (SYN reçu) :</translation>
    </message>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>+%n autre</numerusform>
            <numerusform>+%n autres</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a listening socket to see its accept queue.</source>
        <translation>Choisissez une socket en écoute pour voir sa file d&apos;attente.</translation>
    </message>
    <message>
        <source>backlog %1</source>
        <translation>backlog %1</translation>
    </message>
    <message>
        <source>Switchboard %1</source>
        <translation>Standard %1</translation>
    </message>
    <message>
        <source>Queue full: new SYNs are dropped until accept() takes one</source>
        <translation>File pleine : les nouveaux SYN sont ignorés jusqu&apos;à ce qu&apos;accept() en prenne un</translation>
    </message>
    <message>
        <source>Calls on hold until the server picks up with accept().</source>
        <translation>Appels en attente jusqu&apos;à ce que le serveur décroche avec accept().</translation>
    </message>
</context>
<context>
    <name>SocketScope::ByteConverter</name>
    <message>
        <source>port (16 bits, htons)</source>
        <translation>port (16 bits, htons)</translation>
    </message>
    <message>
        <source>number (32 bits, htonl)</source>
        <translation>nombre (32 bits, htonl)</translation>
    </message>
    <message>
        <source>IPv4 or IPv6 address (inet_pton)</source>
        <translation>adresse IPv4 ou IPv6 (inet_pton)</translation>
    </message>
    <message>
        <source>5000, 325, 0x7f000001, 127.0.0.1, ::1</source>
        <translation>5000, 325, 0x7f000001, 127.0.0.1, ::1</translation>
    </message>
    <message>
        <source>Value to convert</source>
        <translation>Valeur à convertir</translation>
    </message>
    <message>
        <source>Convert:</source>
        <translation>Convertir :</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>Valeur :</translation>
    </message>
    <message>
        <source>network order (as stored in sin_addr): &lt;tt&gt;%1&lt;/tt&gt;</source>
        <translation>ordre réseau (tel que rangé dans sin_addr) : &lt;tt&gt;%1&lt;/tt&gt;</translation>
    </message>
    <message>
        <source>host order (this machine): &lt;tt&gt;%1&lt;/tt&gt;&lt;br&gt;network order (%2): &lt;tt&gt;%3&lt;/tt&gt;&lt;br&gt;the host&apos;s bytes read in the other order: %4</source>
        <translation>ordre de l&apos;hôte (cette machine) : &lt;tt&gt;%1&lt;/tt&gt;&lt;br&gt;ordre réseau (%2) : &lt;tt&gt;%3&lt;/tt&gt;&lt;br&gt;les octets de l&apos;hôte lus dans l&apos;autre ordre : %4</translation>
    </message>
</context>
<context>
    <name>SocketScope::ByteOrderView</name>
    <message>
        <source>This machine is little-endian: it stores the least significant byte first. The network order is big-endian.</source>
        <translation>Cette machine est little-endian : elle range l&apos;octet de poids faible en premier. L&apos;ordre réseau est big-endian.</translation>
    </message>
    <message>
        <source>This machine is big-endian, like the network order: htons() changes nothing here, but the program must still call it to run everywhere.</source>
        <translation>Cette machine est big-endian, comme l&apos;ordre réseau : htons() ne change rien ici, mais le programme doit quand même l&apos;appeler pour fonctionner partout.</translation>
    </message>
    <message>
        <source>offset</source>
        <translation>décalage</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>octets</translation>
    </message>
    <message>
        <source>port %1</source>
        <translation>port %1</translation>
    </message>
    <message>
        <source>address %1</source>
        <translation>adresse %1</translation>
    </message>
    <message>
        <source>family %1</source>
        <translation>famille %1</translation>
    </message>
    <message>
        <source>sa_family stays in host order: only port and address travel</source>
        <translation>sa_family reste dans l&apos;ordre de l&apos;hôte : seuls le port et l&apos;adresse voyagent</translation>
    </message>
    <message>
        <source>host order (memory)</source>
        <translation>ordre de l&apos;hôte (mémoire)</translation>
    </message>
    <message>
        <source>network order (wire)</source>
        <translation>ordre réseau (sur le fil)</translation>
    </message>
    <message>
        <source>conversion</source>
        <translation>conversion</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Octets</translation>
    </message>
    <message>
        <source>%1() passes no address.</source>
        <translation>%1() ne passe pas d&apos;adresse.</translation>
    </message>
    <message>
        <source>%1(): the %2 the program passed, %3 bytes</source>
        <translation>%1() : la structure %2 passée par le programme, %3 octets</translation>
    </message>
    <message>
        <source>%1(): the %2 the kernel filled in, %3 bytes</source>
        <translation>%1() : la structure %2 remplie par le noyau, %3 octets</translation>
    </message>
    <message>
        <source>An AF_UNIX address is a path: no port, no byte order.</source>
        <translation>Une adresse AF_UNIX est un chemin : ni port, ni ordre des octets.</translation>
    </message>
    <message>
        <source>If you forgot htons():</source>
        <translation>Si vous oubliez htons() :</translation>
    </message>
    <message>
        <source>on this machine nothing would change for port %1, but the program would break on a little-endian one.</source>
        <translation>sur cette machine rien ne changerait pour le port %1, mais le programme ne marcherait pas sur une machine little-endian.</translation>
    </message>
    <message>
        <source>the bytes in memory would be %1, and the peer would read port %2 instead of %3.</source>
        <translation>les octets en mémoire seraient %1, et l&apos;autre côté lirait le port %2 au lieu de %3.</translation>
    </message>
    <message>
        <source>port %1 stored without htons()</source>
        <translation>port %1 rangé sans htons()</translation>
    </message>
    <message>
        <source>none: sin_port = %1, the bytes travel as they are and the network reads port %2</source>
        <translation>aucune : sin_port = %1, les octets partent tels quels et le réseau lit le port %2</translation>
    </message>
    <message>
        <source>This program forgot htons():</source>
        <translation>Ce programme a oublié htons() :</translation>
    </message>
    <message>
        <source>it stored %1 as it is, bytes %2 in memory, low byte first; the network reads them in big-endian order: port %3.</source>
        <translation>il a rangé %1 tel quel, les octets %2 en mémoire, octet de poids faible d&apos;abord ; le réseau les lit en big-endian : port %3.</translation>
    </message>
</context>
<context>
    <name>SocketScope::CallDetailsView</name>
    <message>
        <source>The call in full</source>
        <translation>L&apos;appel en entier</translation>
    </message>
    <message>
        <source>%1: the log keeps the first bytes of a long stream, and every count.</source>
        <translation>%1 : le journal garde les premiers octets d&apos;un long flux, et tous les comptes.</translation>
    </message>
</context>
<context>
    <name>SocketScope::CallLogModel</name>
    <message>
        <source>blocked for %1 s</source>
        <translation>bloqué depuis %1 s</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>#</source>
        <translation>n°</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Acteur</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Appel</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>Explication</translation>
    </message>
    <message>
        <source>never returned: the process ended</source>
        <translation>jamais revenu : le processus s&apos;est terminé</translation>
    </message>
    <message>
        <source>the process ends</source>
        <translation>le processus se termine</translation>
    </message>
    <message>
        <source>The process runs another program: the kernel closed its close-on-exec sockets, the others live on in the new program.</source>
        <translation>Le processus exécute un autre programme : le noyau a fermé ses sockets « close-on-exec », les autres continuent dans le nouveau programme.</translation>
    </message>
    <message>
        <source>The process ended: the kernel closed every descriptor it still held.</source>
        <translation>Le processus a fini : le noyau a fermé tous les descripteurs qu’il détenait encore.</translation>
    </message>
    <message>
        <source>exec: the kernel closed %1 (close-on-exec)</source>
        <translation>exec : le noyau a fermé %1 (close-on-exec)</translation>
    </message>
    <message>
        <source>+++ killed by %1 +++</source>
        <translation>+++ tué par %1 +++</translation>
    </message>
    <message>
        <source>+++ exited with %1 +++</source>
        <translation>+++ terminé avec le code %1 +++</translation>
    </message>
</context>
<context>
    <name>SocketScope::CourseChapters</name>
    <message>
        <source>the course&apos;s chapters must be an object with a &quot;chapters&quot; list</source>
        <translation>les chapitres du cours doivent être un objet avec une liste « chapters »</translation>
    </message>
    <message>
        <source>a chapter of the course needs an id, a title in fr and en, and a list of scenario ids</source>
        <translation>un chapitre du cours demande un id, un titre en fr et en en, et une liste d&apos;identifiants de scénarios</translation>
    </message>
</context>
<context>
    <name>SocketScope::Exporter</name>
    <message>
        <source>No TCP socket at this step.</source>
        <translation>Aucune socket TCP à cette étape.</translation>
    </message>
    <message>
        <source>%1, descriptor %2: no address yet</source>
        <translation>%1, descripteur %2 : pas encore d&apos;adresse</translation>
    </message>
    <message>
        <source>%1, descriptor %2: %3</source>
        <translation>%1, descripteur %2 : %3</translation>
    </message>
    <message>
        <source>%1, descriptor %2: %3 ↔ %4</source>
        <translation>%1, descripteur %2 : %3 ↔ %4</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>Made with SocketScope</source>
        <translation>Réalisé avec SocketScope</translation>
    </message>
</context>
<context>
    <name>SocketScope::InspectorWindow</name>
    <message>
        <source>SocketScope — live inspector</source>
        <translation>SocketScope — inspecteur en direct</translation>
    </message>
    <message>
        <source>Sockets</source>
        <translation>Sockets</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspecteur</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Stop refreshing: the table keeps what it shows</source>
        <translation>Arrêter le rafraîchissement : le tableau garde ce qu&apos;il montre</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Refresh now</source>
        <translation>Rafraîchir maintenant</translation>
    </message>
    <message>
        <source>Refresh interval</source>
        <translation>Intervalle de rafraîchissement</translation>
    </message>
    <message>
        <source>every %1 s</source>
        <translation>toutes les %1 s</translation>
    </message>
    <message>
        <source>Filter: address, process, state…</source>
        <translation>Filtre : adresse, processus, état…</translation>
    </message>
    <message>
        <source>Text filter</source>
        <translation>Filtre texte</translation>
    </message>
    <message>
        <source>State filter</source>
        <translation>Filtre d&apos;état</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Tous les états</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Port filter</source>
        <translation>Filtre de port</translation>
    </message>
    <message>
        <source>Process or PID</source>
        <translation>Processus ou PID</translation>
    </message>
    <message>
        <source>Process filter</source>
        <translation>Filtre de processus</translation>
    </message>
    <message>
        <source>This session only</source>
        <translation>Cette session seulement</translation>
    </message>
    <message>
        <source>Showing %1 of %2 sockets, read at %3.</source>
        <translation>%1 sockets affichées sur %2, lues à %3.</translation>
    </message>
    <message numerus="yes">
        <source>%n process(es) of other users not readable: their sockets show no owner.</source>
        <translation>
            <numerusform>%n processus d&apos;un autre utilisateur illisible : ses sockets n&apos;ont pas de propriétaire affiché.</numerusform>
            <numerusform>%n processus d&apos;autres utilisateurs illisibles : leurs sockets n&apos;ont pas de propriétaire affiché.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sockets came and went during this read: one may be missing or shown twice until the next refresh.</source>
        <translation>Des sockets sont apparues ou ont disparu pendant cette lecture : l&apos;une peut manquer ou figurer deux fois jusqu&apos;au prochain rafraîchissement.</translation>
    </message>
    <message>
        <source>Port filter &quot;%1&quot;: give a number from 1 to 65535.</source>
        <translation>Filtre de port « %1 » : donnez un nombre de 1 à 65535.</translation>
    </message>
</context>
<context>
    <name>SocketScope::LabCallForm</name>
    <message>
        <source>IPv4 (AF_INET)</source>
        <translation>IPv4 (AF_INET)</translation>
    </message>
    <message>
        <source>IPv6 only (AF_INET6, IPV6_V6ONLY on)</source>
        <translation>IPv6 seulement (AF_INET6, IPV6_V6ONLY activée)</translation>
    </message>
    <message>
        <source>IPv6 and IPv4 (AF_INET6, IPV6_V6ONLY off)</source>
        <translation>IPv6 et IPv4 (AF_INET6, IPV6_V6ONLY désactivée)</translation>
    </message>
    <message>
        <source>in: no more reading (SHUT_RD)</source>
        <translation>in : plus de lecture (SHUT_RD)</translation>
    </message>
    <message>
        <source>out: no more writing, the peer reads the end (SHUT_WR)</source>
        <translation>out : plus d&apos;écriture, l&apos;autre bout lit la fin (SHUT_WR)</translation>
    </message>
    <message>
        <source>both (SHUT_RDWR)</source>
        <translation>both : les deux (SHUT_RDWR)</translation>
    </message>
    <message>
        <source>forever (-1)</source>
        <translation>indéfiniment (-1)</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>hexadecimal</source>
        <translation>hexadécimal</translation>
    </message>
    <message>
        <source>127.0.0.1 or ::1 (this machine), * (any address), or an address</source>
        <translation>127.0.0.1 ou ::1 (cette machine), * (toute adresse), ou une adresse</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Appel</translation>
    </message>
    <message>
        <source>Which</source>
        <translation>Lequel</translation>
    </message>
    <message>
        <source>Socket</source>
        <translation>Socket</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocole</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Famille</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation>File d&apos;attente</translation>
    </message>
    <message>
        <source>Bytes to read</source>
        <translation>Octets à lire</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Sens</translation>
    </message>
    <message>
        <source>Wait on</source>
        <translation>Attendre sur</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Délai</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Drapeaux</translation>
    </message>
    <message>
        <source>Make the call</source>
        <translation>Faire l&apos;appel</translation>
    </message>
    <message>
        <source>The same as typing the command in the console</source>
        <translation>Comme taper la commande dans la console</translation>
    </message>
    <message>
        <source>This mode has no such command: open the lab in standard mode</source>
        <translation>Ce mode n&apos;a pas cette commande : ouvrez le labo en mode standard</translation>
    </message>
    <message>
        <source>A command is running: wait, or interrupt it (Escape)</source>
        <translation>Une commande est en cours : attendez, ou interrompez-la (Échap)</translation>
    </message>
    <message>
        <source>not bound</source>
        <translation>sans adresse</translation>
    </message>
    <message>
        <source>This mode makes IPv6-only sockets: open the lab in standard mode</source>
        <translation>Ce mode crée des sockets IPv6 seulement : ouvrez le labo en mode standard</translation>
    </message>
    <message>
        <source>Check at least one socket to wait on</source>
        <translation>Cochez au moins une socket à attendre</translation>
    </message>
    <message>
        <source>%1 has no socket: make one with the socket form first</source>
        <translation>%1 n&apos;a pas de socket : créez-en une d&apos;abord avec le formulaire socket</translation>
    </message>
    <message>
        <source>The lab takes numeric addresses for now: 127.0.0.1, ::1, * or .</source>
        <translation>Le labo ne prend pour l&apos;instant que des adresses numériques : 127.0.0.1, ::1, * ou .</translation>
    </message>
    <message>
        <source>%1 is an IPv6 address and socket %2 is IPv4</source>
        <translation>%1 est une adresse IPv6 et la socket %2 est IPv4</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texte</translation>
    </message>
    <message>
        <source>text with escapes</source>
        <translation>texte avec échappements</translation>
    </message>
    <message>
        <source>socklab&apos;s text: two spaces are CR LF, a space at the end LF, #n n bytes &apos;*&apos;</source>
        <translation>texte à la socklab : deux espaces font CR LF, un espace à la fin LF, #n n octets &apos;*&apos;</translation>
    </message>
    <message>
        <source>C&apos;s escapes: \n \r \t \0 \\ \&quot; \a \b \f \v \xHH; spaces are themselves</source>
        <translation>échappements du C : \n \r \t \0 \\ \&quot; \a \b \f \v \xHH ; les espaces restent des espaces</translation>
    </message>
    <message>
        <source>hexadecimal bytes: 68 69 0a</source>
        <translation>octets hexadécimaux : 68 69 0a</translation>
    </message>
    <message>
        <source>Local, a file&apos;s path (AF_UNIX)</source>
        <translation>Locale, le chemin d&apos;un fichier (AF_UNIX)</translation>
    </message>
    <message>
        <source>This mode makes no AF_UNIX socket: open the lab in standard mode</source>
        <translation>Ce mode ne crée pas de socket AF_UNIX : ouvrez le labo en mode standard</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>The socket file&apos;s path, like ./lab.sock: a relative path starts from the folder SocketScope was started in</source>
        <translation>Le chemin du fichier de la socket, comme ./lab.sock : un chemin relatif part du dossier où SocketScope a été lancé</translation>
    </message>
    <message>
        <source>stream (SOCK_STREAM)</source>
        <translation>flux (SOCK_STREAM)</translation>
    </message>
    <message>
        <source>datagram (SOCK_DGRAM)</source>
        <translation>datagrammes (SOCK_DGRAM)</translation>
    </message>
</context>
<context>
    <name>SocketScope::LabConsoleView</name>
    <message>
        <source>Interrupt</source>
        <translation>Interrompre</translation>
    </message>
    <message>
        <source>A socklab command: help lists them</source>
        <translation>Une commande de socklab : help les liste</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Proto</source>
        <translation>Proto</translation>
    </message>
    <message>
        <source>Local address</source>
        <translation>Adresse locale</translation>
    </message>
    <message>
        <source>Remote address</source>
        <translation>Adresse distante</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>RWX</source>
        <translation>RWX</translation>
    </message>
    <message>
        <source>The lab is closed</source>
        <translation>Le laboratoire est fermé</translation>
    </message>
    <message>
        <source>%1 (reachable from other machines)</source>
        <translation>%1 (joignable depuis d&apos;autres machines)</translation>
    </message>
    <message>
        <source>Wake the call that blocks, as Ctrl+C does (Ctrl+C, Escape)</source>
        <translation>Réveiller l&apos;appel bloqué, comme Ctrl+C (Ctrl+C, Échap)</translation>
    </message>
    <message>
        <source>Terminal:</source>
        <translation>Terminal :</translation>
    </message>
    <message>
        <source>Make the next calls from %1, on its sockets (terminal %2)</source>
        <translation>Faire les appels suivants depuis %1, sur ses sockets (terminal %2)</translation>
    </message>
</context>
<context>
    <name>SocketScope::LabOptionForm</name>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>Option</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Get</source>
        <translation>Lire</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Régler</translation>
    </message>
    <message>
        <source>Read the value with a real getsockopt (fcntl F_GETFL for O_NONBLOCK)</source>
        <translation>Lit la valeur par un vrai getsockopt (fcntl F_GETFL pour O_NONBLOCK)</translation>
    </message>
    <message>
        <source>Set the value with a real setsockopt (fcntl F_SETFL for O_NONBLOCK)</source>
        <translation>Règle la valeur par un vrai setsockopt (fcntl F_SETFL pour O_NONBLOCK)</translation>
    </message>
    <message>
        <source>fcntl: the file&apos;s flags (F_GETFL, F_SETFL)</source>
        <translation>fcntl : les drapeaux du fichier (F_GETFL, F_SETFL)</translation>
    </message>
    <message>
        <source>O_NONBLOCK: calls do not wait</source>
        <translation>O_NONBLOCK : les appels n&apos;attendent pas</translation>
    </message>
    <message>
        <source>on</source>
        <translation>activée</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>un nombre entier</translation>
    </message>
    <message>
        <source>seconds: 0.5, 2</source>
        <translation>secondes : 0.5, 2</translation>
    </message>
    <message>
        <source>read only: getsockopt</source>
        <translation>lecture seule : getsockopt</translation>
    </message>
    <message>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <source>%1 has no socket: make one with the socket form first</source>
        <translation>%1 n&apos;a pas de socket : créez-en une d&apos;abord avec le formulaire socket</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 a échoué : %2</translation>
    </message>
    <message>
        <source>Read: %1</source>
        <translation>Lu : %1</translation>
    </message>
</context>
<context>
    <name>SocketScope::LabSession</name>
    <message>
        <source>*** no socket to wait on: create one first</source>
        <translation>*** aucune socket à attendre : créez-en une d&apos;abord</translation>
    </message>
    <message>
        <source>*** no current socket: create one first, or give its id</source>
        <translation>*** pas de socket courante : créez-en une d&apos;abord, ou donnez son identifiant</translation>
    </message>
    <message>
        <source>*** no socket has id %1 (status lists them)</source>
        <translation>*** aucune socket n&apos;a l&apos;identifiant %1 (status les liste)</translation>
    </message>
    <message>
        <source>*** %1 is not an address of this socket&apos;s family</source>
        <translation>*** %1 n&apos;est pas une adresse de la famille de cette socket</translation>
    </message>
    <message>
        <source>The IPv6 socket identifier is %1</source>
        <translation>L&apos;identifiant de la socket IPv6 est %1</translation>
    </message>
    <message>
        <source>The socket identifier is %1</source>
        <translation>L&apos;identifiant de la socket est %1</translation>
    </message>
    <message>
        <source>The socket was attributed port %1.</source>
        <translation>Le port %1 a été attribué à la socket.</translation>
    </message>
    <message>
        <source>A connection from %1 was received.</source>
        <translation>Une connexion venant de %1 a été reçue.</translation>
    </message>
    <message>
        <source>Connection is established, with socket ID %1.</source>
        <translation>La connexion est établie, avec la socket d&apos;identifiant %1.</translation>
    </message>
    <message>
        <source>Connection established.</source>
        <translation>Connexion établie.</translation>
    </message>
    <message>
        <source>A message of length %1 bytes was received from %2.</source>
        <translation>Un message de %1 octets a été reçu de %2.</translation>
    </message>
    <message>
        <source>Message=%1</source>
        <translation>Message=%1</translation>
    </message>
    <message>
        <source>Read %1 bytes: message=%2</source>
        <translation>%1 octets lus : message=%2</translation>
    </message>
    <message>
        <source>Sent %1 bytes</source>
        <translation>%1 octets envoyés</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Local address: %1</source>
        <translation>Adresse locale : %1</translation>
    </message>
    <message>
        <source>Remote address: %1</source>
        <translation>Adresse distante : %1</translation>
    </message>
    <message>
        <source>No socket is ready (the time ran out).</source>
        <translation>Aucune socket n&apos;est prête (le délai est écoulé).</translation>
    </message>
    <message>
        <source>readable</source>
        <translation>lisible</translation>
    </message>
    <message>
        <source>urgent data</source>
        <translation>données urgentes</translation>
    </message>
    <message>
        <source>hung up or in error</source>
        <translation>raccrochée ou en erreur</translation>
    </message>
    <message>
        <source>Socket %1: %2</source>
        <translation>Socket %1 : %2</translation>
    </message>
    <message>
        <source>TCP socket created for IPv6: id=%1, port=%2</source>
        <translation>Socket TCP créée pour IPv6 : id=%1, port=%2</translation>
    </message>
    <message>
        <source>TCP socket created: id=%1, port=%2</source>
        <translation>Socket TCP créée : id=%1, port=%2</translation>
    </message>
    <message>
        <source>UDP socket created: Id=%1, port=%2</source>
        <translation>Socket UDP créée : Id=%1, port=%2</translation>
    </message>
    <message>
        <source>No socket has been created yet.</source>
        <translation>Aucune socket n&apos;a encore été créée.</translation>
    </message>
    <message>
        <source> Id  Proto   Local address              Remote address             TYPE  RWX</source>
        <translation> Id  Proto   Adresse locale             Adresse distante           TYPE  RWX</translation>
    </message>
    <message>
        <source>*** end of input: %1 abandoned</source>
        <translation>*** fin de l&apos;entrée : %1 abandonnée</translation>
    </message>
    <message>
        <source>*** the lab is not ready for calls</source>
        <translation>*** le laboratoire n&apos;est pas prêt pour des appels</translation>
    </message>
    <message>
        <source>%1(): interrupted, the call was not completed</source>
        <translation>%1() : interrompu, l&apos;appel n&apos;a pas abouti</translation>
    </message>
    <message>
        <source>*** %1 ms is more than an hour: wait %2 ms at most</source>
        <translation>*** %1 ms, c&apos;est plus d&apos;une heure : attendez %2 ms au plus</translation>
    </message>
    <message>
        <source>UDP socket created: Id=%1</source>
        <translation>Socket UDP créée : Id=%1</translation>
    </message>
    <message>
        <source>Done joining group %1.</source>
        <translation>Groupe %1 rejoint.</translation>
    </message>
    <message>
        <source>Done leaving group %1.</source>
        <translation>Groupe %1 quitté.</translation>
    </message>
    <message>
        <source>Waiting for incoming messages...</source>
        <translation>En attente de messages...</translation>
    </message>
    <message>
        <source>Received a message of length %1 bytes.</source>
        <translation>Message de %1 octets reçu.</translation>
    </message>
    <message>
        <source>Message received: %1</source>
        <translation>Message reçu : %1</translation>
    </message>
    <message>
        <source>Received from %1 in %2 seconds</source>
        <translation>Reçu de %1 en %2 secondes</translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation>Adresse : %1</translation>
    </message>
    <message>
        <source>Sent %1 bytes (total %2)</source>
        <translation>%1 octets envoyés (total %2)</translation>
    </message>
    <message>
        <source>-loop stopped by an interrupt after %1 sends</source>
        <translation>-loop arrêté par une interruption après %1 envois</translation>
    </message>
    <message>
        <source>*** -loop stopped after %1 sends: the lab keeps every call in its log (a longer message fills the buffers sooner)</source>
        <translation>*** -loop arrêté après %1 envois : le labo garde chaque appel dans son journal (un message plus long remplit les tampons plus vite)</translation>
    </message>
    <message>
        <source>Warning: bound to %1, this socket is reachable from other machines.</source>
        <translation>Attention : attachée à %1, cette socket est joignable depuis d&apos;autres machines.</translation>
    </message>
    <message>
        <source>*** socket %1 is %2&apos;s: type terminal %3 to use it</source>
        <translation>*** la socket %1 est à %2 : tapez terminal %3 pour l&apos;utiliser</translation>
    </message>
    <message>
        <source>Lab %1</source>
        <translation>Labo %1</translation>
    </message>
    <message>
        <source>Terminal %1 (%2) makes the calls.</source>
        <translation>Le terminal %1 (%2) fait les appels.</translation>
    </message>
    <message>
        <source>*** terminal %1: the lab has terminals 1 and 2</source>
        <translation>*** terminal %1 : le labo a les terminaux 1 et 2</translation>
    </message>
    <message>
        <source>*** %1 is waiting for its call: interrupt it, or type terminal %2 to go on in %3</source>
        <translation>*** %1 attend la fin de son appel : interrompez-le, ou tapez terminal %2 pour continuer dans %3</translation>
    </message>
    <message>
        <source>The peer closed the connection: read() returned 0, the end of the stream. Nothing more will come; close this socket.</source>
        <translation>Le correspondant a raccroché : read() a renvoyé 0, la fin du flux. Plus rien ne viendra ; fermez ce socket.</translation>
    </message>
    <message>
        <source>*** -get reads the options: %1=... sets one, without -get</source>
        <translation>*** -get lit les options : %1=... en règle une, sans -get</translation>
    </message>
    <message>
        <source>*** interrupted: %1 of the %2 bytes were sent, the rest was not</source>
        <translation>*** interrompu : %1 des %2 octets ont été envoyés, le reste non</translation>
    </message>
    <message>
        <source>*** interrupted: the kernel goes on with the handshake, status shows whether the socket connects</source>
        <translation>*** interrompu : le noyau poursuit la poignée de main, status montre si le socket se connecte</translation>
    </message>
    <message>
        <source>*** interrupted: %1() returned before it was done</source>
        <translation>*** interrompu : %1() est revenu avant d&apos;avoir fini</translation>
    </message>
    <message>
        <source>*** socket6 makes IPv6 sockets: type socket %1</source>
        <translation>*** socket6 crée des sockets IPv6 : tapez socket %1</translation>
    </message>
    <message>
        <source>an unnamed AF_UNIX socket (no path)</source>
        <translation>une socket AF_UNIX sans nom (sans chemin)</translation>
    </message>
    <message>
        <source>The AF_UNIX socket identifier is %1</source>
        <translation>L&apos;identifiant de la socket AF_UNIX est %1</translation>
    </message>
    <message>
        <source>(no path)</source>
        <translation>(sans chemin)</translation>
    </message>
    <message>
        <source>Path? : </source>
        <translation>Chemin ? : </translation>
    </message>
    <message>
        <source>*** the file %1 exists: a program must unlink() it before bind(). Remove it in a shell (rm %1) or bind another path.</source>
        <translation>*** le fichier %1 existe : un programme doit l&apos;effacer avec unlink() avant bind(). Supprimez-le dans un shell (rm %1) ou liez un autre chemin.</translation>
    </message>
</context>
<context>
    <name>SocketScope::LogPresenter</name>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation>Étape %1 sur %2 : %3</translation>
    </message>
    <message>
        <source>Expected outcome: %1</source>
        <translation>Résultat attendu : %1</translation>
    </message>
    <message>
        <source>The expected outcome did not happen: %1</source>
        <translation>Le résultat attendu ne s&apos;est pas produit : %1</translation>
    </message>
</context>
<context>
    <name>SocketScope::MainWindow</name>
    <message>
        <source>SocketScope</source>
        <translation>SocketScope</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lancer</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Recommencer</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Show the state before the last call (nothing is re-run)</source>
        <translation>Montrer l&apos;état avant le dernier appel (rien n&apos;est réexécuté)</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Avancer</translation>
    </message>
    <message>
        <source>Show the next recorded call</source>
        <translation>Montrer l&apos;appel enregistré suivant</translation>
    </message>
    <message>
        <source>Cancel the calls in progress, close everything, start over</source>
        <translation>Annuler les appels en cours, tout fermer, recommencer</translation>
    </message>
    <message>
        <source>Protocol view</source>
        <translation>Vue protocole</translation>
    </message>
    <message>
        <source>Technical labels instead of the telephone and the mail</source>
        <translation>Des étiquettes techniques à la place du téléphone et du courrier</translation>
    </message>
    <message>
        <source>Skip animation</source>
        <translation>Passer l&apos;animation</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>É&amp;tapes</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Étapes</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Scénario</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Vitesse</translation>
    </message>
    <message>
        <source>Speed %1×</source>
        <translation>Vitesse %1×</translation>
    </message>
    <message>
        <source>Narration</source>
        <translation>Narration</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Appels</translation>
    </message>
    <message>
        <source>5-tuples</source>
        <translation>Quintuplets</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Octets</translation>
    </message>
    <message>
        <source>Save the captured packets (pcap)…</source>
        <translation>Enregistrer les paquets capturés (pcap)…</translation>
    </message>
    <message>
        <source>Packets</source>
        <translation>Paquets</translation>
    </message>
    <message>
        <source>Save the captured packets</source>
        <translation>Enregistrer les paquets capturés</translation>
    </message>
    <message>
        <source>pcap files (*.pcap)</source>
        <translation>Fichiers pcap (*.pcap)</translation>
    </message>
    <message>
        <source>Export the sequence diagram as SVG</source>
        <translation>Exporter le diagramme de séquence en SVG</translation>
    </message>
    <message>
        <source>Export the sequence diagram as PNG</source>
        <translation>Exporter le diagramme de séquence en PNG</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>Images SVG (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>Live inspector</source>
        <translation>Inspecteur en direct</translation>
    </message>
    <message>
        <source>Every socket of the machine, live, with its TCP state drawn</source>
        <translation>Toutes les sockets de la machine, en direct, avec leur état TCP dessiné</translation>
    </message>
    <message>
        <source>Open a saved session…</source>
        <translation>Ouvrir une session enregistrée…</translation>
    </message>
    <message>
        <source>Replay a saved session: every view as it was, with no network</source>
        <translation>Rejouer une session enregistrée : chaque vue telle qu&apos;elle était, sans réseau</translation>
    </message>
    <message>
        <source>Save the session…</source>
        <translation>Enregistrer la session…</translation>
    </message>
    <message>
        <source>%1 cannot be replayed: %2</source>
        <translation>%1 ne peut pas être rejoué : %2</translation>
    </message>
    <message>
        <source>SocketScope — replay of %1</source>
        <translation>SocketScope — rejeu de %1</translation>
    </message>
    <message>
        <source>Open a saved session</source>
        <translation>Ouvrir une session enregistrée</translation>
    </message>
    <message>
        <source>SocketScope sessions (*.jsonl)</source>
        <translation>Sessions SocketScope (*.jsonl)</translation>
    </message>
    <message>
        <source>Save the session</source>
        <translation>Enregistrer la session</translation>
    </message>
    <message>
        <source>Perform the next real call (or show the next recorded one after going back)</source>
        <translation>Faire le vrai appel suivant (ou montrer l&apos;appel enregistré suivant après un retour)</translation>
    </message>
    <message>
        <source>First step</source>
        <translation>Première étape</translation>
    </message>
    <message>
        <source>Last recorded step</source>
        <translation>Dernière étape enregistrée</translation>
    </message>
    <message>
        <source>Presenter mode</source>
        <translation>Mode présentation</translation>
    </message>
    <message>
        <source>Full screen, the stage and the narration large (F5)</source>
        <translation>Plein écran, la scène et la narration en grand (F5)</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Plein écran</translation>
    </message>
    <message>
        <source>Blank the screen</source>
        <translation>Écran noir</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Agrandir</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Réduire</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>Taille normale</translation>
    </message>
    <message>
        <source>Reset the layout</source>
        <translation>Rétablir la disposition</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>As the system (%1)</source>
        <translation>Comme le système (%1)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>Guide</translation>
    </message>
    <message>
        <source>About SocketScope</source>
        <translation>À propos de SocketScope</translation>
    </message>
    <message>
        <source>Current call</source>
        <translation>Appel en cours</translation>
    </message>
    <message>
        <source>Go to step %1…</source>
        <translation>Aller à l&apos;étape %1…</translation>
    </message>
    <message>
        <source>There is no step %1: this scenario has %2.</source>
        <translation>Il n&apos;y a pas d&apos;étape %1 : ce scénario en a %2.</translation>
    </message>
    <message>
        <source>SocketScope guide</source>
        <translation>Guide de SocketScope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;SocketScope %1&lt;/h3&gt;&lt;p&gt;BSD sockets made visible: real system calls, stepped and explained.&lt;/p&gt;&lt;p&gt;Free software under the MIT licence.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SocketScope %1&lt;/h3&gt;&lt;p&gt;Les sockets BSD rendues visibles : de vrais appels système, pas à pas et expliqués.&lt;/p&gt;&lt;p&gt;Logiciel libre sous licence MIT.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1
Source: %2</source>
        <translation>%1
Source : %2</translation>
    </message>
    <message>
        <source>Find a scenario (Ctrl+F)</source>
        <translation>Chercher un scénario (Ctrl+F)</translation>
    </message>
    <message>
        <source>Find a scenario</source>
        <translation>Chercher un scénario</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>%1 as PNG…</source>
        <translation>%1 en PNG…</translation>
    </message>
    <message>
        <source>%1 as SVG…</source>
        <translation>%1 en SVG…</translation>
    </message>
    <message>
        <source>The whole sequence diagram, every packet, as PNG…</source>
        <translation>Le diagramme de séquence entier, tous les paquets, en PNG…</translation>
    </message>
    <message>
        <source>The whole sequence diagram, every packet, as SVG…</source>
        <translation>Le diagramme de séquence entier, tous les paquets, en SVG…</translation>
    </message>
    <message>
        <source>Export %1 as PNG</source>
        <translation>Exporter en PNG : %1</translation>
    </message>
    <message>
        <source>Export %1 as SVG</source>
        <translation>Exporter en SVG : %1</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <source>Light (high contrast)</source>
        <translation>Clair (contrasté)</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>&lt;h2&gt;SocketScope&lt;/h2&gt;&lt;p&gt;Each step makes one real system call on real sockets of this machine; the stage draws what the kernel answered.&lt;/p&gt;&lt;h3&gt;Keys&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Space&lt;/b&gt;, &lt;b&gt;Right&lt;/b&gt;, &lt;b&gt;Page Down&lt;/b&gt;: next step (a real call at the end of what was recorded)&lt;/li&gt;&lt;li&gt;&lt;b&gt;Left&lt;/b&gt;, &lt;b&gt;Page Up&lt;/b&gt;: back (nothing is re-run)&lt;/li&gt;&lt;li&gt;&lt;b&gt;Home&lt;/b&gt;, &lt;b&gt;End&lt;/b&gt;: the first step, the last recorded step&lt;/li&gt;&lt;li&gt;A number then &lt;b&gt;Enter&lt;/b&gt;: go to that step&lt;/li&gt;&lt;li&gt;&lt;b&gt;P&lt;/b&gt;: run or pause; &lt;b&gt;Ctrl+R&lt;/b&gt;: reset&lt;/li&gt;&lt;li&gt;&lt;b&gt;F5&lt;/b&gt;: presenter mode; &lt;b&gt;F11&lt;/b&gt;: full screen; &lt;b&gt;B&lt;/b&gt;: blank the screen; &lt;b&gt;Escape&lt;/b&gt;: leave&lt;/li&gt;&lt;li&gt;&lt;b&gt;Ctrl++&lt;/b&gt;, &lt;b&gt;Ctrl+-&lt;/b&gt;, &lt;b&gt;Ctrl+0&lt;/b&gt;: zoom every view&lt;/li&gt;&lt;li&gt;&lt;b&gt;V&lt;/b&gt;: the protocol view, with technical labels&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Panels&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Stage&lt;/b&gt;: each descriptor as a telephone (TCP) or a mailbox (UDP)&lt;/li&gt;&lt;li&gt;&lt;b&gt;Calls&lt;/b&gt;: every call as strace writes it, its result and the errno explained&lt;/li&gt;&lt;li&gt;&lt;b&gt;5-tuples&lt;/b&gt;: protocol, local and remote address and port of each socket&lt;/li&gt;&lt;li&gt;&lt;b&gt;Bytes&lt;/b&gt;: host and network byte order of the addresses passed&lt;/li&gt;&lt;li&gt;&lt;b&gt;Packets&lt;/b&gt;: the packets each call put on the wire, as a sequence diagram and a list&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Real packets&lt;/h3&gt;&lt;p&gt;Without the permission to capture, the packets are &lt;i&gt;inferred&lt;/i&gt; from the calls and marked so. To see the real ones, give the capture helper the permission once:&lt;/p&gt;&lt;pre&gt;%1&lt;/pre&gt;&lt;p&gt;Every panel can be shown again from the View menu, which also switches the theme: light, dark or as the system.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;SocketScope&lt;/h2&gt;&lt;p&gt;Chaque étape fait un vrai appel système sur de vraies sockets de cette machine ; la scène dessine ce que le noyau a répondu.&lt;/p&gt;&lt;h3&gt;Touches&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Espace&lt;/b&gt;, &lt;b&gt;Droite&lt;/b&gt;, &lt;b&gt;Page suivante&lt;/b&gt; : étape suivante (un vrai appel au bout de ce qui est enregistré)&lt;/li&gt;&lt;li&gt;&lt;b&gt;Gauche&lt;/b&gt;, &lt;b&gt;Page précédente&lt;/b&gt; : retour (rien n&apos;est réexécuté)&lt;/li&gt;&lt;li&gt;&lt;b&gt;Début&lt;/b&gt;, &lt;b&gt;Fin&lt;/b&gt; : la première étape, la dernière étape enregistrée&lt;/li&gt;&lt;li&gt;Un nombre puis &lt;b&gt;Entrée&lt;/b&gt; : aller à cette étape&lt;/li&gt;&lt;li&gt;&lt;b&gt;P&lt;/b&gt; : lancer ou mettre en pause ; &lt;b&gt;Ctrl+R&lt;/b&gt; : recommencer&lt;/li&gt;&lt;li&gt;&lt;b&gt;F5&lt;/b&gt; : mode présentation ; &lt;b&gt;F11&lt;/b&gt; : plein écran ; &lt;b&gt;B&lt;/b&gt; : écran noir ; &lt;b&gt;Échap&lt;/b&gt; : sortir&lt;/li&gt;&lt;li&gt;&lt;b&gt;Ctrl++&lt;/b&gt;, &lt;b&gt;Ctrl+-&lt;/b&gt;, &lt;b&gt;Ctrl+0&lt;/b&gt; : zoomer toutes les vues&lt;/li&gt;&lt;li&gt;&lt;b&gt;V&lt;/b&gt; : la vue protocole, avec des étiquettes techniques&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Panneaux&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Scène&lt;/b&gt; : chaque descripteur est un téléphone (TCP) ou une boîte aux lettres (UDP)&lt;/li&gt;&lt;li&gt;&lt;b&gt;Appels&lt;/b&gt; : chaque appel écrit comme strace l&apos;écrit, son résultat et l&apos;errno expliqué&lt;/li&gt;&lt;li&gt;&lt;b&gt;Quintuplets&lt;/b&gt; : protocole, adresse et port locaux et distants de chaque socket&lt;/li&gt;&lt;li&gt;&lt;b&gt;Octets&lt;/b&gt; : l&apos;ordre des octets hôte et réseau des adresses passées&lt;/li&gt;&lt;li&gt;&lt;b&gt;Paquets&lt;/b&gt; : les paquets que chaque appel a mis sur le réseau, en diagramme de séquence et en liste&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Vrais paquets&lt;/h3&gt;&lt;p&gt;Sans la permission de capturer, les paquets sont &lt;i&gt;déduits&lt;/i&gt; des appels et marqués comme tels. Pour voir les vrais, donnez une fois la permission à l&apos;outil de capture :&lt;/p&gt;&lt;pre&gt;%1&lt;/pre&gt;&lt;p&gt;Chaque panneau peut être réaffiché depuis le menu Affichage, qui change aussi le thème : clair, sombre ou comme le système.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Lab: make calls by hand</source>
        <translation>Laboratoire : faire les appels à la main</translation>
    </message>
    <message>
        <source>socklab&apos;s commands as real calls, on the stage like a scenario</source>
        <translation>Les commandes de socklab en vrais appels, sur la scène comme un scénario</translation>
    </message>
    <message>
        <source>Lab in socklab&apos;s TCP mode</source>
        <translation>Laboratoire en mode TCP de socklab</translation>
    </message>
    <message>
        <source>Lab in socklab&apos;s UDP mode</source>
        <translation>Laboratoire en mode UDP de socklab</translation>
    </message>
    <message>
        <source>Lab console</source>
        <translation>Console du laboratoire</translation>
    </message>
    <message>
        <source>SocketScope — lab</source>
        <translation>SocketScope — laboratoire</translation>
    </message>
    <message>
        <source>Export as C…</source>
        <translation>Exporter en C…</translation>
    </message>
    <message>
        <source>The scenario or the lab&apos;s calls as C programs, one per process, that compile with gcc and make the same calls</source>
        <translation>Le scénario ou les appels du laboratoire en programmes C, un par processus, qui compilent avec gcc et font les mêmes appels</translation>
    </message>
    <message>
        <source>Save lab as scenario…</source>
        <translation>Enregistrer le laboratoire comme scénario…</translation>
    </message>
    <message>
        <source>The lab&apos;s calls as a scenario file, its narration left for you to write; --scenario-folder loads it</source>
        <translation>Les appels du laboratoire en fichier de scénario, sa narration à écrire par vous ; --scenario-folder le charge</translation>
    </message>
    <message>
        <source>There is no call to export yet.</source>
        <translation>Il n’y a encore aucun appel à exporter.</translation>
    </message>
    <message>
        <source>Export as C into</source>
        <translation>Exporter en C dans</translation>
    </message>
    <message>
        <source>Wrote %1 into %2; the first line of each says how to compile it.</source>
        <translation>%1 écrit(s) dans %2 ; la première ligne de chacun dit comment le compiler.</translation>
    </message>
    <message>
        <source>Open the lab first: File &gt; Lab.</source>
        <translation>Ouvrez d’abord le laboratoire : Fichier &gt; Laboratoire.</translation>
    </message>
    <message>
        <source>Save lab as scenario</source>
        <translation>Enregistrer le laboratoire comme scénario</translation>
    </message>
    <message>
        <source>SocketScope scenarios (*.json)</source>
        <translation>Scénarios SocketScope (*.json)</translation>
    </message>
    <message>
        <source>Saved %1: write its narration, then load its folder with --scenario-folder.</source>
        <translation>%1 enregistré : écrivez sa narration, puis chargez son dossier avec --scenario-folder.</translation>
    </message>
    <message>
        <source>Lab: calls made by hand</source>
        <translation>Labo : appels faits à la main</translation>
    </message>
    <message>
        <source>Run a program…</source>
        <translation>Lancer un programme…</translation>
    </message>
    <message>
        <source>Run your own programs under SocketScope: their real socket calls on the stage, one at a time if you wish</source>
        <translation>Lancer vos propres programmes sous SocketScope : leurs vrais appels sur les sockets sur la scène, un par un si vous le souhaitez</translation>
    </message>
    <message>
        <source>Program&apos;s terminal</source>
        <translation>Terminal du programme</translation>
    </message>
    <message>
        <source>SocketScope — %1</source>
        <translation>SocketScope — %1</translation>
    </message>
    <message>
        <source>Your program: its socket calls</source>
        <translation>Votre programme : ses appels sur les sockets</translation>
    </message>
    <message>
        <source>Next call of</source>
        <translation>Appel suivant de</translation>
    </message>
    <message>
        <source>Choose which program makes its next call, where Next lets the oldest go: the client may try connect() before the server listens</source>
        <translation>Choisir quel programme fait son prochain appel, là où Suivant laisse partir le plus ancien : le client peut tenter connect() avant que le serveur n&apos;écoute</translation>
    </message>
</context>
<context>
    <name>SocketScope::NextCallMenu</name>
    <message>
        <source>%1: %2(%3)</source>
        <translation>%1 : %2(%3)</translation>
    </message>
    <message>
        <source>%1: %2()</source>
        <translation>%1 : %2()</translation>
    </message>
    <message>
        <source>No program waits at a call</source>
        <translation>Aucun programme n&apos;attend à un appel</translation>
    </message>
</context>
<context>
    <name>SocketScope::PacketCapture</name>
    <message>
        <source>The capture helper sent a stream SocketScope cannot read: %1</source>
        <translation>L&apos;assistant de capture a envoyé un flux que SocketScope ne sait pas lire : %1</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>code de sortie %1</translation>
    </message>
    <message>
        <source>The capture helper %1 could not be started: %2</source>
        <translation>L&apos;assistant de capture %1 n&apos;a pas pu être lancé : %2</translation>
    </message>
    <message>
        <source>The capture helper did not start capturing within %1 s.</source>
        <translation>L&apos;assistant de capture n&apos;a pas commencé à capturer en %1 s.</translation>
    </message>
    <message>
        <source>SocketScope may not capture packets here: the capture helper needs to run as root or to have the CAP_NET_RAW capability.</source>
        <translation>SocketScope n&apos;a pas le droit de capturer les paquets ici : l&apos;assistant de capture doit tourner en root ou avoir la capacité CAP_NET_RAW.</translation>
    </message>
    <message>
        <source>The capture helper refused what SocketScope asked for (%1).</source>
        <translation>L&apos;assistant de capture a refusé ce que SocketScope lui demandait (%1).</translation>
    </message>
    <message>
        <source>The capture helper stopped before capturing (%1).</source>
        <translation>L&apos;assistant de capture s&apos;est arrêté avant de capturer (%1).</translation>
    </message>
    <message>
        <source>The capture helper did not take the session&apos;s new port within %1 s.</source>
        <translation>L&apos;assistant de capture n&apos;a pas pris le nouveau port de la session en %1 s.</translation>
    </message>
    <message>
        <source>The capture helper did not start again on the new interface within %1 s.</source>
        <translation>L&apos;assistant de capture n&apos;a pas redémarré sur la nouvelle interface en %1 s.</translation>
    </message>
    <message>
        <source>The capture helper stopped when run again (%1).</source>
        <translation>L&apos;assistant de capture s&apos;est arrêté quand il a été relancé (%1).</translation>
    </message>
</context>
<context>
    <name>SocketScope::PacketFlow</name>
    <message>
        <source>The capture helper ended during the session.</source>
        <translation>L&apos;assistant de capture s&apos;est arrêté pendant la session.</translation>
    </message>
</context>
<context>
    <name>SocketScope::PacketHeader</name>
    <message>
        <source>IPv4 header</source>
        <translation>en-tête IPv4</translation>
    </message>
    <message>
        <source>source address</source>
        <translation>adresse source</translation>
    </message>
    <message>
        <source>destination address</source>
        <translation>adresse destination</translation>
    </message>
    <message>
        <source>IPv6 header</source>
        <translation>en-tête IPv6</translation>
    </message>
    <message>
        <source>source port</source>
        <translation>port source</translation>
    </message>
    <message>
        <source>destination port</source>
        <translation>port destination</translation>
    </message>
    <message>
        <source>seq</source>
        <translation>seq</translation>
    </message>
    <message>
        <source>ack</source>
        <translation>ack</translation>
    </message>
    <message>
        <source>offset, flags</source>
        <translation>longueur, drapeaux</translation>
    </message>
    <message>
        <source>window</source>
        <translation>fenêtre</translation>
    </message>
    <message>
        <source>checksum, urgent</source>
        <translation>somme de contrôle, urgent</translation>
    </message>
    <message>
        <source>length</source>
        <translation>longueur</translation>
    </message>
    <message>
        <source>checksum</source>
        <translation>somme de contrôle</translation>
    </message>
    <message>
        <source>The %1 bytes %2 are port %3 in network order: the same two bytes as the port field of the sockaddr %4() passed (seq %5). htons() put them in that order in memory; they go on the wire unchanged.</source>
        <translation>Les octets du %1, %2, sont le port %3 dans l&apos;ordre réseau : les deux mêmes octets que le champ port de la sockaddr passée à %4() (seq %5). htons() les a mis dans cet ordre en mémoire ; ils partent sur le réseau tels quels.</translation>
    </message>
    <message>
        <source>Packet %1: %2 %3 → %4, %5</source>
        <translation>Paquet %1 : %2 %3 → %4, %5</translation>
    </message>
    <message>
        <source>Inferred packet: nothing was captured, so there are no real bytes. Its ports would travel as %1 and %2 (network order).</source>
        <translation>Paquet inféré : rien n&apos;a été capturé, il n&apos;y a donc pas de vrais octets. Ses ports voyageraient sous la forme %1 et %2 (ordre réseau).</translation>
    </message>
    <message>
        <source>Payload of %1 bytes: %2 (a long stream keeps its first bytes).</source>
        <translation>Données de %1 octets : %2 (un long flux garde ses premiers octets).</translation>
    </message>
</context>
<context>
    <name>SocketScope::PacketListModel</name>
    <message>
        <source>inferred</source>
        <translation>inféré</translation>
    </message>
    <message>
        <source>captured</source>
        <translation>capturé</translation>
    </message>
    <message>
        <source>The call that made the kernel send this packet</source>
        <translation>L&apos;appel qui a fait envoyer ce paquet par le noyau</translation>
    </message>
    <message>
        <source>Captured on the wire, or inferred from the calls when capture is not permitted</source>
        <translation>Capturé sur le réseau, ou déduit des appels quand la capture n&apos;est pas permise</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Temps</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocole</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>Cause</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origine</translation>
    </message>
</context>
<context>
    <name>SocketScope::PacketPanel</name>
    <message>
        <source>Relative seq/ack</source>
        <translation>seq/ack relatifs</translation>
    </message>
    <message>
        <source>Count sequence numbers from each side&apos;s first one, as Wireshark does; off: the numbers on the wire</source>
        <translation>Compter les numéros de séquence à partir du premier de chaque côté, comme Wireshark ; décoché : les numéros du réseau</translation>
    </message>
    <message>
        <source>Sequence diagram</source>
        <translation>Diagramme de séquence</translation>
    </message>
    <message>
        <source>Packet list</source>
        <translation>Liste des paquets</translation>
    </message>
    <message>
        <source>Starting the capture…</source>
        <translation>Démarrage de la capture…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Captured&lt;/b&gt;: the real packets of this session, on loopback.</source>
        <translation>&lt;b&gt;Capturés&lt;/b&gt; : les vrais paquets de cette session, sur la boucle locale.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Inferred&lt;/b&gt; packets: capture is off, so each packet is deduced from the calls (dashed, marked &quot;inferred&quot;).</source>
        <translation>Paquets &lt;b&gt;inférés&lt;/b&gt; : la capture est désactivée, chaque paquet est donc déduit des appels (en pointillés, marqués « inféré »).</translation>
    </message>
    <message>
        <source>&lt;b&gt;Inferred&lt;/b&gt; packets (dashed, marked &quot;inferred&quot;): %1&lt;br&gt;To capture the real packets, run once: &lt;tt&gt;%2&lt;/tt&gt;</source>
        <translation>Paquets &lt;b&gt;inférés&lt;/b&gt; (en pointillés, marqués « inféré ») : %1&lt;br&gt;Pour capturer les vrais paquets, lancez une fois : &lt;tt&gt;%2&lt;/tt&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Inferred&lt;/b&gt; packets (dashed, marked &quot;inferred&quot;): %1</source>
        <translation>Paquets &lt;b&gt;inférés&lt;/b&gt; (en pointillés, marqués « inféré ») : %1</translation>
    </message>
    <message>
        <source>AF_UNIX sockets put no packet on any wire: the kernel copies the bytes from one socket to the other inside the machine.</source>
        <translation>Les sockets AF_UNIX ne mettent aucun paquet sur un fil : le noyau copie les octets d&apos;une socket à l&apos;autre à l&apos;intérieur de la machine.</translation>
    </message>
    <message>
        <source>&lt;b&gt;No packets&lt;/b&gt;: this session&apos;s sockets are AF_UNIX ones, which do not use the network. There is nothing to capture, not even on loopback, and nothing to infer.</source>
        <translation>&lt;b&gt;Aucun paquet&lt;/b&gt; : les sockets de cette session sont des sockets AF_UNIX, qui n&apos;utilisent pas le réseau. Il n&apos;y a rien à capturer, pas même sur la boucle locale, et rien à déduire.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Captured&lt;/b&gt;: the real packets of this session, on loopback and on %1 (packets to and from other machines).</source>
        <translation>&lt;b&gt;Capturés&lt;/b&gt; : les vrais paquets de cette session, sur la boucle locale et sur %1 (les paquets échangés avec d&apos;autres machines).</translation>
    </message>
    <message>
        <source>Packets not captured, and not shown, on: %1</source>
        <translation>Paquets ni capturés ni affichés, sur : %1</translation>
    </message>
</context>
<context>
    <name>SocketScope::ProgramTerminalView</name>
    <message>
        <source>Type the program&apos;s input, then Enter</source>
        <translation>Tapez l&apos;entrée du programme, puis Entrée</translation>
    </message>
    <message>
        <source>End of input</source>
        <translation>Fin de l&apos;entrée</translation>
    </message>
    <message>
        <source>Close the program&apos;s standard input, as Ctrl+D does in a terminal: its read() returns 0</source>
        <translation>Fermer l&apos;entrée standard du programme, comme Ctrl+D dans un terminal : son read() renvoie 0</translation>
    </message>
</context>
<context>
    <name>SocketScope::PseudoTerminal</name>
    <message>
        <source>%1(): %2</source>
        <translation>%1() : %2</translation>
    </message>
</context>
<context>
    <name>SocketScope::RunProgramDialog</name>
    <message>
        <source>Run a program</source>
        <translation>Lancer un programme</translation>
    </message>
    <message>
        <source>./server 5000</source>
        <translation>./serveur 5000</translation>
    </message>
    <message>
        <source>./client 127.0.0.1 5000 (optional)</source>
        <translation>./client 127.0.0.1 5000 (facultatif)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>The folder the programs start in</source>
        <translation>Le dossier où les programmes démarrent</translation>
    </message>
    <message>
        <source>Pause at each socket call (Next lets it go)</source>
        <translation>Pause à chaque appel sur une socket (Suivant le laisse passer)</translation>
    </message>
    <message>
        <source>Program and its arguments:</source>
        <translation>Programme et ses arguments :</translation>
    </message>
    <message>
        <source>A second program:</source>
        <translation>Un second programme :</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Dossier :</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lancer</translation>
    </message>
    <message>
        <source>Write the program to run, with its arguments: ./server 5000</source>
        <translation>Écrivez le programme à lancer, avec ses arguments : ./serveur 5000</translation>
    </message>
    <message>
        <source>The second command line names no program.</source>
        <translation>La seconde ligne de commande ne nomme aucun programme.</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 n&apos;est pas un dossier.</translation>
    </message>
</context>
<context>
    <name>SocketScope::SequenceDiagramView</name>
    <message>
        <source>inferred</source>
        <translation>inféré</translation>
    </message>
    <message>
        <source>time</source>
        <translation>temps</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>%1 · fd %2</source>
        <translation>%1 · fd %2</translation>
    </message>
    <message>
        <source>No packets yet: each one appears here as an arrow between the two endpoints, as soon as a call sends it.</source>
        <translation>Aucun paquet pour l&apos;instant : chacun apparaît ici comme une flèche entre les deux extrémités, dès qu&apos;un appel l&apos;envoie.</translation>
    </message>
    <message>
        <source>Sequence diagram</source>
        <translation>Diagramme de séquence</translation>
    </message>
    <message>
        <source>There are no packets to export.</source>
        <translation>Il n&apos;y a aucun paquet à exporter.</translation>
    </message>
    <message>
        <source>Only the first %1 of %2 packets were exported.</source>
        <translation>Seuls les %1 premiers des %2 paquets ont été exportés.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>SocketScope::Session</name>
    <message>
        <source>step %1 (%2, %3): %4</source>
        <translation>étape %1 (%2, %3) : %4</translation>
    </message>
    <message>
        <source>step %1 (%2, %3): blocked, and no remaining step can unblock it</source>
        <translation>étape %1 (%2, %3) : bloquée, et aucune étape restante ne peut la débloquer</translation>
    </message>
    <message>
        <source>Port %1 is still busy (a previous run keeps it in TIME_WAIT for about a minute): this run lets the system choose a free port.</source>
        <translation>Le port %1 est encore occupé (une exécution précédente le garde en TIME_WAIT environ une minute) : cette exécution laisse le système choisir un port libre.</translation>
    </message>
    <message>
        <source>Port %1 is held by another program: this run uses port %2 instead.</source>
        <translation>Le port %1 est pris par un autre programme : cette exécution utilise le port %2 à la place.</translation>
    </message>
    <message>
        <source>Port %1, or port %2 that a client without htons() dials, is held by another program: this run uses port %3, dialled without htons() as %4.</source>
        <translation>Le port %1, ou le port %2 que compose un client sans htons(), est pris par un autre programme : cette exécution utilise le port %3, composé sans htons() comme %4.</translation>
    </message>
</context>
<context>
    <name>SocketScope::SocketDetailPanel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation>il y a %1 s</translation>
    </message>
    <message>
        <source>No socket selected.</source>
        <translation>Aucune socket choisie.</translation>
    </message>
    <message>
        <source>%1 has no TCP states: the state machine is TCP&apos;s.</source>
        <translation>%1 n&apos;a pas d&apos;états TCP : l&apos;automate est celui de TCP.</translation>
    </message>
    <message>
        <source>kernel now</source>
        <translation>noyau maintenant</translation>
    </message>
    <message>
        <source>Lit: the state at the selected step of the session (%1). Dashed: the kernel&apos;s state now.</source>
        <translation>En surbrillance : l&apos;état à l&apos;étape choisie de la session (%1). En pointillés : l&apos;état actuel selon le noyau.</translation>
    </message>
    <message>
        <source>As the kernel reports it, refreshed live; the trace shows the states seen at each refresh.</source>
        <translation>Tel que le noyau le donne, rafraîchi en direct ; le tracé montre les états vus à chaque rafraîchissement.</translation>
    </message>
</context>
<context>
    <name>SocketScope::SocketTableModel</name>
    <message>
        <source>closed (was %1)</source>
        <translation>fermée (était %1)</translation>
    </message>
    <message>
        <source>%1 fd %2 (this session)</source>
        <translation>%1 fd %2 (cette session)</translation>
    </message>
    <message>
        <source>(kernel)</source>
        <translation>(noyau)</translation>
    </message>
    <message>
        <source>(not visible)</source>
        <translation>(non visible)</translation>
    </message>
    <message>
        <source>No process holds this socket: the kernel keeps it (TIME_WAIT, or a connection not accepted yet).</source>
        <translation>Aucun processus ne détient cette socket : le noyau la garde (TIME_WAIT, ou connexion pas encore acceptée).</translation>
    </message>
    <message>
        <source>The owning process is not visible: it belongs to another user. Run SocketScope as that user, or as root, to see it.</source>
        <translation>Le processus propriétaire n&apos;est pas visible : il appartient à un autre utilisateur. Lancez SocketScope sous cet utilisateur, ou en root, pour le voir.</translation>
    </message>
    <message>
        <source>A socket of this session: %1&apos;s descriptor %2. Click to find its 5-tuple card.</source>
        <translation>Une socket de cette session : le descripteur %2 de %1. Cliquez pour trouver sa carte de quintuplet.</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocole</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Recv-Q</source>
        <translation>Recv-Q</translation>
    </message>
    <message>
        <source>Send-Q</source>
        <translation>Send-Q</translation>
    </message>
    <message>
        <source>Local address:port</source>
        <translation>Adresse:port locale</translation>
    </message>
    <message>
        <source>Peer address:port</source>
        <translation>Adresse:port distante</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>Processus</translation>
    </message>
    <message>
        <source>UID</source>
        <translation>UID</translation>
    </message>
    <message>
        <source>Inode</source>
        <translation>Inode</translation>
    </message>
    <message>
        <source>Timer</source>
        <translation>Minuterie</translation>
    </message>
</context>
<context>
    <name>SocketScope::StageView</name>
    <message>
        <source>Stage</source>
        <translation>Scène</translation>
    </message>
    <message>
        <source>%1() blocked for %2 s</source>
        <translation>%1() bloqué depuis %2 s</translation>
    </message>
    <message>
        <source>waiting by the phone… %1 s</source>
        <translation>attend près du téléphone… %1 s</translation>
    </message>
    <message>
        <source>dialling… %1 s</source>
        <translation>compose le numéro… %1 s</translation>
    </message>
    <message>
        <source>waiting for the mail… %1 s</source>
        <translation>attend le courrier… %1 s</translation>
    </message>
    <message>
        <source>listening to silence… %1 s</source>
        <translation>écoute le silence… %1 s</translation>
    </message>
    <message>
        <source>waiting in %1()… %2 s</source>
        <translation>attend dans %1()… %2 s</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>fermée</translation>
    </message>
    <message>
        <source>hung up</source>
        <translation>raccroché</translation>
    </message>
    <message>
        <source> · read returned 0</source>
        <translation> · read a renvoyé 0</translation>
    </message>
    <message>
        <source>the other side hung up (read returned 0)</source>
        <translation>l&apos;autre côté a raccroché (read a renvoyé 0)</translation>
    </message>
    <message>
        <source>both directions hung up</source>
        <translation>les deux sens raccrochés</translation>
    </message>
    <message>
        <source>mouthpiece hung up: it can still listen</source>
        <translation>micro raccroché : il peut encore écouter</translation>
    </message>
    <message>
        <source>earpiece hung up: it can still talk</source>
        <translation>écouteur raccroché : il peut encore parler</translation>
    </message>
    <message>
        <source>address chosen by the system at the first send</source>
        <translation>adresse choisie par le système au premier envoi</translation>
    </message>
    <message>
        <source>mailbox open at this address</source>
        <translation>boîte aux lettres ouverte à cette adresse</translation>
    </message>
    <message>
        <source>has a number</source>
        <translation>a un numéro</translation>
    </message>
    <message>
        <source>ringer on</source>
        <translation>sonnerie allumée</translation>
    </message>
    <message>
        <source>writes to one address only (connected UDP)</source>
        <translation>écrit à une seule adresse (UDP connecté)</translation>
    </message>
    <message>
        <source>picked up: on the line</source>
        <translation>décroché : en ligne</translation>
    </message>
    <message>
        <source>on the line</source>
        <translation>en ligne</translation>
    </message>
    <message>
        <source>nobody picks up at %1: the line is dead (ECONNREFUSED)</source>
        <translation>personne ne décroche au %1 : la ligne est morte (ECONNREFUSED)</translation>
    </message>
    <message>
        <source>%1() failed: %2</source>
        <translation>échec de %1() : %2</translation>
    </message>
    <message>
        <source>fd %1 · %2</source>
        <translation>fd %1 · %2</translation>
    </message>
    <message>
        <source>local %1</source>
        <translation>local %1</translation>
    </message>
    <message>
        <source>peer %1</source>
        <translation>distant %1</translation>
    </message>
    <message>
        <source>mailbox, descriptor %1</source>
        <translation>boîte aux lettres, descripteur %1</translation>
    </message>
    <message>
        <source>new handset, descriptor %1</source>
        <translation>nouveau combiné, descripteur %1</translation>
    </message>
    <message>
        <source>telephone, descriptor %1</source>
        <translation>téléphone, descripteur %1</translation>
    </message>
    <message>
        <source>number %1</source>
        <translation>numéro %1</translation>
    </message>
    <message>
        <source>talking with %1</source>
        <translation>en ligne avec %1</translation>
    </message>
    <message>
        <source>accept queue %1/%2</source>
        <translation>file d&apos;accept %1/%2</translation>
    </message>
    <message>
        <source>waiting line %1/%2</source>
        <translation>file d&apos;attente %1/%2</translation>
    </message>
    <message>
        <source>receive queue %1 bytes</source>
        <translation>file de réception %1 octets</translation>
    </message>
    <message>
        <source>not heard yet: %1</source>
        <translation>pas encore entendu : %1</translation>
    </message>
    <message>
        <source>heard:</source>
        <translation>entendu :</translation>
    </message>
    <message>
        <source>to %1</source>
        <translation>à %1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>de %1</translation>
    </message>
    <message>
        <source>Press Next to perform the first call.</source>
        <translation>Appuyez sur Suivant pour effectuer le premier appel.</translation>
    </message>
    <message>
        <source>datagrams in the receive queue: %1</source>
        <translation>datagrammes dans la file de réception : %1</translation>
    </message>
    <message>
        <source>letters waiting: %1</source>
        <translation>lettres en attente : %1</translation>
    </message>
    <message>
        <source>bytes sent: %1</source>
        <translation>octets envoyés : %1</translation>
    </message>
    <message>
        <source>bytes received: %1</source>
        <translation>octets reçus : %1</translation>
    </message>
    <message>
        <source>bound to port 0: the system chooses the port</source>
        <translation>attaché au port 0 : le système choisit le port</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>mailbox closed</source>
        <translation>boîte fermée</translation>
    </message>
    <message>
        <source>address %1</source>
        <translation>adresse %1</translation>
    </message>
    <message>
        <source>no address yet</source>
        <translation>pas encore d&apos;adresse</translation>
    </message>
    <message>
        <source>no number yet</source>
        <translation>pas encore de numéro</translation>
    </message>
    <message>
        <source>mailbox</source>
        <translation>boîte aux lettres</translation>
    </message>
    <message>
        <source>new handset</source>
        <translation>nouveau combiné</translation>
    </message>
    <message>
        <source>telephone</source>
        <translation>téléphone</translation>
    </message>
    <message>
        <source>reachable from other machines</source>
        <translation>joignable depuis d&apos;autres machines</translation>
    </message>
    <message>
        <source>%1 (PID %2)</source>
        <translation>%1 (PID %2)</translation>
    </message>
    <message>
        <source>outside program</source>
        <translation>programme extérieur</translation>
    </message>
    <message>
        <source>%1() never returned: the process ended</source>
        <translation>%1() n&apos;est jamais revenu : le processus s&apos;est terminé</translation>
    </message>
    <message>
        <source>Not drawn, to keep the stage readable: %1. The Calls list has every call.</source>
        <translation>Non dessinés, pour que la scène reste lisible : %1. La liste des appels les contient tous.</translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 processes</source>
        <translation>
            <numerusform>%n processus sur %1</numerusform>
            <numerusform>%n processus sur %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 descriptors</source>
        <translation>
            <numerusform>%n descripteur sur %1</numerusform>
            <numerusform>%n descripteurs sur %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Not drawn, to keep the stage readable: %1 and %2. The Calls list has every call.</source>
        <translation>Non dessinés, pour que la scène reste lisible : %1 et %2. La liste des appels les contient tous.</translation>
    </message>
</context>
<context>
    <name>SocketScope::StatusLine</name>
    <message numerus="yes">
        <source>(%n earlier) %1</source>
        <translation>
            <numerusform>(%n précédent) %1</numerusform>
            <numerusform>(%n précédents) %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n earlier</source>
        <translation>
            <numerusform>… et %n précédent</numerusform>
            <numerusform>… et %n précédents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SocketScope::TcpStateMachineView</name>
    <message>
        <source>TCP state machine</source>
        <translation>Automate d&apos;états TCP</translation>
    </message>
    <message>
        <source>Select a TCP socket to see its state machine.</source>
        <translation>Choisissez une socket TCP pour voir son automate d&apos;états.</translation>
    </message>
</context>
<context>
    <name>SocketScope::TraceSource</name>
    <message>
        <source>No such program: a program of this folder is written ./name, others are looked for in the PATH.</source>
        <translation>Ce programme n&apos;existe pas : un programme de ce dossier s&apos;écrit ./nom, les autres sont cherchés dans le PATH.</translation>
    </message>
    <message>
        <source>The file is not executable by you (chmod +x makes it so), or a folder on its path cannot be entered.</source>
        <translation>Vous ne pouvez pas exécuter ce fichier (chmod +x le rend exécutable), ou un dossier de son chemin ne peut pas être traversé.</translation>
    </message>
    <message>
        <source>The file is not a program this system can run (a source file? compile it first).</source>
        <translation>Ce fichier n&apos;est pas un programme que ce système sait lancer (un fichier source ? compilez-le d&apos;abord).</translation>
    </message>
    <message>
        <source>The tracing helper sent what SocketScope cannot read (%1): its programs were ended.</source>
        <translation>L&apos;assistant de traçage a envoyé ce que SocketScope ne sait pas lire (%1) : ses programmes ont été arrêtés.</translation>
    </message>
    <message>
        <source>%1 could not be started: %2 (%3). %4</source>
        <translation>%1 n&apos;a pas pu être lancé : %2 (%3). %4</translation>
    </message>
    <message>
        <source>The system refused the filter that picks %1&apos;s socket calls: seccomp failed with %2 (%3). The kernel must have seccomp filters (CONFIG_SECCOMP_FILTER).</source>
        <translation>Le système a refusé le filtre qui choisit les appels sur les sockets de %1 : seccomp a échoué avec %2 (%3). Le noyau doit avoir les filtres seccomp (CONFIG_SECCOMP_FILTER).</translation>
    </message>
    <message>
        <source>The system refused to trace %1: ptrace() failed with %2 (%3). Tracing needs ptrace: /proc/sys/kernel/yama/ptrace_scope must be 0 or 1 (2 keeps it for the administrator, 3 for nobody), and a container must allow it.</source>
        <translation>Le système a refusé de tracer %1 : ptrace() a échoué avec %2 (%3). Le traçage a besoin de ptrace : /proc/sys/kernel/yama/ptrace_scope doit valoir 0 ou 1 (2 le réserve à l&apos;administrateur, 3 ne le permet à personne), et un conteneur doit l&apos;autoriser.</translation>
    </message>
    <message>
        <source>%1 ended with status %2.</source>
        <translation>%1 s&apos;est terminé avec le code %2.</translation>
    </message>
    <message>
        <source>%1 was killed by %2.</source>
        <translation>%1 a été tué par %2.</translation>
    </message>
    <message>
        <source>%1 was stopped by %2: it waits, and its calls with it, until a SIGCONT lets it go on (kill -CONT %3).</source>
        <translation>%1 a été arrêté par %2 : il attend, et ses appels avec lui, qu’un SIGCONT le laisse continuer (kill -CONT %3).</translation>
    </message>
    <message>
        <source>%1 goes on: a SIGCONT continued it.</source>
        <translation>%1 continue : un SIGCONT l’a relancé.</translation>
    </message>
    <message>
        <source>The tracing helper ended before telling how %1 ended: the kernel killed them (SIGKILL), as it kills what a tracer leaves behind.</source>
        <translation>L’assistant de traçage s’est arrêté avant de dire comment %1 a fini : le noyau les a tués (SIGKILL), comme il tue ce qu’un traceur laisse derrière lui.</translation>
    </message>
    <message>
        <source>%1 goes on without SocketScope: it is no longer traced.</source>
        <translation>%1 continue sans SocketScope : il n’est plus tracé.</translation>
    </message>
    <message>
        <source>SocketScope could not attach to %1: ptrace() failed with %2 (%3). %4</source>
        <translation>SocketScope n’a pas pu s’attacher à %1 : ptrace() a échoué avec %2 (%3). %4</translation>
    </message>
    <message>
        <source>%1 (process %2) has ended: SocketScope does not attach to the program that has its number now.</source>
        <translation>%1 (processus %2) s’est terminé : SocketScope ne s’attache pas au programme qui porte ce numéro maintenant.</translation>
    </message>
    <message>
        <source>%1 was running before SocketScope: it reads the terminal it was started from, not this panel.</source>
        <translation>%1 tournait avant SocketScope : il lit le terminal d’où il a été lancé, pas ce panneau.</translation>
    </message>
    <message>
        <source>The tracing helper ended: %1 go on, no longer traced.</source>
        <translation>L’assistant de traçage s’est terminé : %1 continuent, sans être tracés.</translation>
    </message>
</context>
<context>
    <name>SocketScope::TracerProcess</name>
    <message>
        <source>No program to run.</source>
        <translation>Aucun programme à lancer.</translation>
    </message>
    <message>
        <source>socketpair(): %1</source>
        <translation>socketpair() : %1</translation>
    </message>
    <message>
        <source>The tracing helper did not start: %1</source>
        <translation>L&apos;assistant de traçage n&apos;a pas démarré : %1</translation>
    </message>
    <message>
        <source>a line of more than %1 bytes</source>
        <translation>une ligne de plus de %1 octets</translation>
    </message>
</context>
<context>
    <name>SocketScope::TupleCardsView</name>
    <message>
        <source>5-tuples</source>
        <translation>Quintuplets</translation>
    </message>
    <message>
        <source>chosen by the system, read back with getsockname()</source>
        <translation>choisi par le système, relu avec getsockname()</translation>
    </message>
    <message>
        <source>recvfrom(): sender of the last datagram</source>
        <translation>recvfrom() : expéditeur du dernier datagramme</translation>
    </message>
    <message>
        <source>bind() to port 0: chosen by the system</source>
        <translation>bind() sur le port 0 : choisi par le système</translation>
    </message>
    <message>
        <source>%1: chosen by the system</source>
        <translation>%1 : choisi par le système</translation>
    </message>
    <message>
        <source>* (in6addr_any: every address)</source>
        <translation>* (in6addr_any : toutes les adresses)</translation>
    </message>
    <message>
        <source>* (INADDR_ANY: every address)</source>
        <translation>* (INADDR_ANY : toutes les adresses)</translation>
    </message>
    <message>
        <source>accepted from descriptor %1</source>
        <translation>acceptée depuis le descripteur %1</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>à l&apos;écoute</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>fermée</translation>
    </message>
    <message>
        <source>descriptor %1</source>
        <translation>descripteur %1</translation>
    </message>
    <message>
        <source>protocol</source>
        <translation>protocole</translation>
    </message>
    <message>
        <source>local path</source>
        <translation>chemin local</translation>
    </message>
    <message>
        <source>local address</source>
        <translation>adresse locale</translation>
    </message>
    <message>
        <source>local port</source>
        <translation>port local</translation>
    </message>
    <message>
        <source>remote path</source>
        <translation>chemin distant</translation>
    </message>
    <message>
        <source>remote address</source>
        <translation>adresse distante</translation>
    </message>
    <message>
        <source>remote port</source>
        <translation>port distant</translation>
    </message>
    <message>
        <source>UDP without connect(): no remote side of its own, each datagram carries its address (shown: the last one).</source>
        <translation>UDP sans connect() : pas de côté distant propre, chaque datagramme porte son adresse (affichée : la dernière).</translation>
    </message>
    <message>
        <source>No descriptor yet: socket() creates the first one.</source>
        <translation>Pas encore de descripteur : socket() crée le premier.</translation>
    </message>
    <message>
        <source>an end of the selected packet</source>
        <translation>une extrémité du paquet sélectionné</translation>
    </message>
    <message>
        <source>%1 of %2 descriptors (%3 of them closed): the ends of the selected packet, the listening sockets, then the latest open ones, then the latest closed ones. The call list holds every call.</source>
        <translation>%1 descripteurs sur %2 (dont %3 fermés) : les extrémités du paquet sélectionné, les sockets en écoute, puis les derniers ouverts, puis les derniers fermés. La liste des appels contient tous les appels.</translation>
    </message>
</context>
<context>
    <name>TcpState</name>
    <message>
        <source>listen()</source>
        <translation>listen()</translation>
    </message>
    <message>
        <source>connect()</source>
        <translation>connect()</translation>
    </message>
    <message>
        <source>send SYN</source>
        <translation>envoi SYN</translation>
    </message>
    <message>
        <source>receive SYN</source>
        <translation>réception SYN</translation>
    </message>
    <message>
        <source>send SYN+ACK</source>
        <translation>envoi SYN+ACK</translation>
    </message>
    <message>
        <source>receive SYN+ACK</source>
        <translation>réception SYN+ACK</translation>
    </message>
    <message>
        <source>send ACK</source>
        <translation>envoi ACK</translation>
    </message>
    <message>
        <source>receive ACK</source>
        <translation>réception ACK</translation>
    </message>
    <message>
        <source>close()</source>
        <translation>close()</translation>
    </message>
    <message>
        <source>send FIN</source>
        <translation>envoi FIN</translation>
    </message>
    <message>
        <source>receive FIN</source>
        <translation>réception FIN</translation>
    </message>
    <message>
        <source>receive ACK of FIN</source>
        <translation>réception ACK du FIN</translation>
    </message>
    <message>
        <source>timeout 2 MSL</source>
        <translation>délai 2 MSL</translation>
    </message>
    <message>
        <source>receive FIN+ACK</source>
        <translation>réception FIN+ACK</translation>
    </message>
    <message>
        <source>No connection: the phone is not plugged in, or the call is over.</source>
        <translation>Pas de connexion : le téléphone n&apos;est pas branché, ou l&apos;appel est terminé.</translation>
    </message>
    <message>
        <source>Waiting for calls: the phone is plugged in and rings when a client connects.</source>
        <translation>En attente d&apos;appels : le téléphone est branché et sonne quand un client se connecte.</translation>
    </message>
    <message>
        <source>Dialling: a SYN went out and the caller waits for the other side to pick up.</source>
        <translation>Numérotation : un SYN est parti et l&apos;appelant attend que l&apos;autre côté décroche.</translation>
    </message>
    <message>
        <source>Picking up: the SYN was answered with SYN+ACK and the caller&apos;s ACK, the last step of the handshake, is awaited.</source>
        <translation>On décroche : le SYN a reçu un SYN+ACK en réponse et on attend l&apos;ACK de l&apos;appelant, dernière étape de la poignée de main.</translation>
    </message>
    <message>
        <source>In conversation: the handshake is done and both sides may send and receive.</source>
        <translation>En conversation : la poignée de main est faite et les deux côtés peuvent envoyer et recevoir.</translation>
    </message>
    <message>
        <source>Saying goodbye first: this side sent its FIN and waits for the peer to acknowledge it.</source>
        <translation>On dit au revoir le premier : ce côté a envoyé son FIN et attend que le pair l&apos;acquitte.</translation>
    </message>
    <message>
        <source>Goodbye acknowledged: this side has nothing more to say and waits for the peer to hang up too (its FIN).</source>
        <translation>Au revoir acquitté : ce côté n&apos;a plus rien à dire et attend que le pair raccroche aussi (son FIN).</translation>
    </message>
    <message>
        <source>The peer hung up (its FIN arrived): this side may still send, and must call close() to hang up in turn.</source>
        <translation>Le pair a raccroché (son FIN est arrivé) : ce côté peut encore envoyer, et doit appeler close() pour raccrocher à son tour.</translation>
    </message>
    <message>
        <source>Both said goodbye at once: the FINs crossed, and each side waits for the acknowledgement of its own.</source>
        <translation>Au revoir simultané : les FIN se sont croisés et chaque côté attend l&apos;acquittement du sien.</translation>
    </message>
    <message>
        <source>Hung up last: this side sent its FIN after the peer&apos;s and waits for the final ACK.</source>
        <translation>Raccroché en dernier : ce côté a envoyé son FIN après celui du pair et attend l&apos;ACK final.</translation>
    </message>
    <message>
        <source>Hung up first: the port is kept for twice the maximum segment lifetime so that late packets of this call are not taken for a new one.</source>
        <translation>Raccroché le premier : le port est gardé deux fois la durée de vie maximale d&apos;un segment, pour que les paquets en retard de cet appel ne soient pas pris pour un nouveau.</translation>
    </message>
</context>
<context>
    <name>TcpStateLog</name>
    <message>
        <source>close()</source>
        <translation>close()</translation>
    </message>
    <message>
        <source>%1 sent</source>
        <translation>%1 envoyé</translation>
    </message>
    <message>
        <source>%1 received</source>
        <translation>%1 reçu</translation>
    </message>
    <message>
        <source>listening socket</source>
        <translation>socket en écoute</translation>
    </message>
</context>
<context>
    <name>TraceMessage</name>
    <message>
        <source>not a JSON object: %1</source>
        <translation>pas un objet JSON : %1</translation>
    </message>
    <message>
        <source>kind: &quot;%1&quot; is not a message of the tracer</source>
        <translation>kind : « %1 » n&apos;est pas un message du traceur</translation>
    </message>
    <message>
        <source>must be exec, ptrace or seccomp</source>
        <translation>doit valoir exec, ptrace ou seccomp</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a call SocketScope knows</source>
        <translation>« %1 » n&apos;est pas un appel que SocketScope connaît</translation>
    </message>
    <message>
        <source>pid: the call&apos;s process is missing</source>
        <translation>pid : le processus de l&apos;appel manque</translation>
    </message>
    <message>
        <source>must be an IPv4 or IPv6 address with a port</source>
        <translation>doit être une adresse IPv4 ou IPv6 avec un port</translation>
    </message>
</context>
</TS>
