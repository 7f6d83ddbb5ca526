// attache-kashflow-emulator: the KashFlow REST API v2 emulator as a program, for manual runs and benchmarks, serving
// a sample company. Prints its base URL as the first line on stdout and the sample user's credentials on stderr,
// then serves until killed.

#include "KashflowEmulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char* argv[])
{
    // QImage makes the thumbnails without a QGuiApplication.
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("attache-kashflow-emulator"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Emulates KashFlow's REST API v2 (sign-in, lists, files, Dropbox connection) on 127.0.0.1, "
                       "with a sample company; the base URL is printed as the first line on stdout, the API under "
                       "/v2.\n\n")
        + FaultInjector::specSyntax());
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("Listen on port <N> (default: any free)."), QStringLiteral("N"),
                                        QStringLiteral("0"));
    const QCommandLineOption dataOption(QStringLiteral("data"),
                                        QStringLiteral("Keep file contents in <DIR> (default: a temporary directory)."),
                                        QStringLiteral("DIR"));
    const QCommandLineOption pageSizeOption(QStringLiteral("page-size"),
                                            QStringLiteral("Records per list page when perpage is not given."),
                                            QStringLiteral("N"), QString::number(KashflowEmulator::DefaultPageSize));
    const QCommandLineOption faultOption(QStringLiteral("fault"), QStringLiteral("Inject a fault; may be repeated."),
                                         QStringLiteral("SPEC"));
    parser.addOptions({ portOption, dataOption, pageSizeOption, faultOption });
    parser.process(app);

    QTextStream err(stderr);
    bool portOk = false;
    const uint port = parser.value(portOption).toUInt(&portOk);
    if (!portOk || port > 65535) {
        err << "Bad port: " << parser.value(portOption) << Qt::endl;
        return 2;
    }
    bool pageSizeOk = false;
    const int pageSize = parser.value(pageSizeOption).toInt(&pageSizeOk);
    if (!pageSizeOk || pageSize < 1) {
        err << "Bad page size: " << parser.value(pageSizeOption) << Qt::endl;
        return 2;
    }

    KashflowEmulator emulator(parser.value(dataOption));
    emulator.setPageSize(pageSize);
    emulator.seedSampleData();
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
    err << "Sample user: " << emulator.userName() << Qt::endl
        << "Password: " << emulator.password() << Qt::endl
        << "Memorable word: " << emulator.memorableWord() << Qt::endl
        << "Files in " << emulator.dataDirectory() << Qt::endl;
    return app.exec();
}
