// attache-dropbox-emulator: the Dropbox API v2 emulator as a program, for manual runs and benchmarks.
// Prints its base URL as the first line on stdout, then serves until killed.

#include "DropboxEmulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char* argv[])
{
    // QImage makes the thumbnails without a QGuiApplication.
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("attache-dropbox-emulator"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Emulates Dropbox API v2 and its OAuth 2 endpoints on 127.0.0.1, all hosts under one base URL, "
                       "which is printed as the first line on stdout.\n\n")
        + FaultInjector::specSyntax());
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("Listen on port <N> (default: any free)."), QStringLiteral("N"),
                                        QStringLiteral("0"));
    const QCommandLineOption dataOption(QStringLiteral("data"),
                                        QStringLiteral("Keep file contents in <DIR> (default: a temporary directory)."),
                                        QStringLiteral("DIR"));
    const QCommandLineOption autoApproveOption(
        QStringLiteral("auto-approve"), QStringLiteral("Answer the authorization page as if Allow was pressed."));
    const QCommandLineOption appKeyOption(QStringLiteral("app-key"),
                                          QStringLiteral("The app key (client_id) to accept."), QStringLiteral("KEY"));
    const QCommandLineOption faultOption(QStringLiteral("fault"), QStringLiteral("Inject a fault; may be repeated."),
                                         QStringLiteral("SPEC"));
    parser.addOptions({ portOption, dataOption, autoApproveOption, appKeyOption, faultOption });
    parser.process(app);

    QTextStream err(stderr);
    bool portOk = false;
    const uint port = parser.value(portOption).toUInt(&portOk);
    if (!portOk || port > 65535) {
        err << "Bad port: " << parser.value(portOption) << Qt::endl;
        return 2;
    }

    DropboxEmulator emulator(parser.value(dataOption));
    emulator.setAutoApprove(parser.isSet(autoApproveOption));
    if (parser.isSet(appKeyOption))
        emulator.setAppKey(parser.value(appKeyOption));
    for (const QString& spec : parser.values(faultOption)) {
        QString error;
        if (!emulator.faults().addSpec(spec, &error)) {
            err << error << Qt::endl;
            return 2;
        }
    }
    if (!emulator.listen(quint16(port))) {
        err << "Cannot listen on 127.0.0.1:" << port << Qt::endl;
        return 1;
    }
    QTextStream(stdout) << emulator.baseUrl().toString() << Qt::endl;
    return app.exec();
}
