#pragma once

#include "commandline.h"

class QTextStream;

namespace SocketScope {

class MainWindow;

// --screenshot: performs the requested steps for real in the window, waits until the last
// one has returned or blocked, settles the animations and saves the window. Returns the exit
// status: 0 saved, 1 not.
int takeScreenshot(MainWindow& window, const CommandLineOptions& options, QTextStream& err);
// --export-png, --export-svg: performs the steps in the same way (the window stays hidden)
// and writes a picture of one panel. Returns 0 written, 1 not.
int exportPicture(MainWindow& window, const CommandLineOptions& options, QTextStream& err);

} // namespace SocketScope
