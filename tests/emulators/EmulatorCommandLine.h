#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

#include <optional>

class EmulatorServer;
class QCoreApplication;

// What every emulator program takes on its command line (--port, --data, --fault) and how it starts: faults
// queued, listening on 127.0.0.1, and its base URL printed as the first line on stdout.
class EmulatorCommandLine
{
public:
    // Adds the shared options to parser, whose description says what the program emulates.
    EmulatorCommandLine(QCommandLineParser& parser, const QString& description);

    // After parser.process(): where file contents go, or empty for a temporary folder.
    QString dataDirectory() const { return m_parser.value(m_data); }
    // Queues the faults and listens; 0 once the URL is printed, else the exit code, with the reason on stderr.
    int start(EmulatorServer& server) const;

private:
    QCommandLineParser& m_parser;
    const QCommandLineOption m_port;
    const QCommandLineOption m_data;
    const QCommandLineOption m_fault;
};
