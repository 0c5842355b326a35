#pragma once

#include "scenarios/scenario.h"

#include <QList>
#include <QString>

namespace SocketScope::CProgram {

// One C source file of an export: "server.c", "client.c", "lab.c".
struct SourceFile {
    QString fileName;
    QString text;
    QString compileCommand; // as the file's first line says it: gcc ... -o server server.c
    QString actor;          // the scenario's actor the program plays (and its children)
    // Its command line: ./server [port [host]] when both, else ./client [host [port]].
    bool takesPort = false;
    bool takesHost = false;
    QString defaultHost;
};

// The scenario as C, one program per process role (an actor that no fork() or
// pthread_create() starts), in the style of the course's listings: the calls of its steps in
// order, each checked with perror(), a fork() child's steps inside the child's branch, a
// thread's in its thread function, which receives the descriptors it uses through
// pthread_create()'s argument. Comments and messages are in `language` ("fr" or "en": the
// scenario's narration and the generator's own words). The server's port
// is its first argument, the client's host and port its first two, the scenario's as
// defaults. Compiles with gcc -std=c11 -Wall -Wextra -Werror (-pthread for threads).
QList<SourceFile> programs(const Scenario& scenario, const QString& language);

// Writes the files into `folder` (made if missing); false with the reason in *error.
bool writeFiles(const QList<SourceFile>& files, const QString& folder, QString* error);

} // namespace SocketScope::CProgram
