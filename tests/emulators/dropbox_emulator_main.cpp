// attache-dropbox-emulator: the Dropbox API v2 emulator as a program, for manual runs and benchmarks.
// Prints its base URL as the first line on stdout, then serves until killed.

#include "DropboxEmulator.h"
#include "EmulatorCommandLine.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    // QImage makes the thumbnails without a QGuiApplication.
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("attache-dropbox-emulator"));

    QCommandLineParser parser;
    const EmulatorCommandLine commandLine(
        parser,
        QStringLiteral("Emulates Dropbox API v2 and its OAuth 2 endpoints on 127.0.0.1, all hosts under one "
                       "base URL, which is printed as the first line on stdout."));
    const QCommandLineOption autoApproveOption(
        QStringLiteral("auto-approve"), QStringLiteral("Answer the authorization page as if Allow was pressed."));
    const QCommandLineOption appKeyOption(QStringLiteral("app-key"),
                                          QStringLiteral("The app key (client_id) to accept."), QStringLiteral("KEY"));
    parser.addOptions({ autoApproveOption, appKeyOption });
    parser.process(app);

    DropboxEmulator emulator(commandLine.dataDirectory());
    emulator.setAutoApprove(parser.isSet(autoApproveOption));
    if (parser.isSet(appKeyOption))
        emulator.setAppKey(parser.value(appKeyOption));
    if (const int failed = commandLine.start(emulator))
        return failed;
    return app.exec();
}
