#pragma once

#include <QJsonArray>
#include <QObject>
#include <QStringList>

#include <memory>

class QTextStream;
class Settings;
class Store;
class TransferJournal;
class TransferQueue;

// attache-cli: the core's operations for scripts, tests and benchmarks.
//   attache-cli [--store URI] [--json] COMMAND [ARGS]
// Runs asynchronously in the caller's event loop and emits finished() with the exit status:
// 0 on success, 1 when an operation failed, 2 for a usage error. Messages go to stderr, one line each.
class CliRunner : public QObject
{
    Q_OBJECT

public:
    explicit CliRunner(QObject* parent = nullptr);
    ~CliRunner() override;

    // Starts the command; arguments include the program name, as QCoreApplication::arguments() has them.
    void start(const QStringList& arguments);

signals:
    void finished(int exitCode);

private:
    struct Command;
    static const QList<Command>& commands();

    void runCommand(const Command& command, const QStringList& arguments);
    void types(const QStringList& arguments);
    void list(const QStringList& arguments);
    void put(const QStringList& arguments);
    void get(const QStringList& arguments);
    void remove(const QStringList& arguments);
    void move(const QStringList& arguments);
    void makeEntity(const QStringList& arguments);
    void sendPdf(const QStringList& arguments);
    void resume(const QStringList& arguments);
    void connectAccount(const QStringList& arguments);
    void connectKashflow();
    void connectFortnox();
    // Standard input, for the answers to questions.
    QTextStream& input();
    void disconnectAccount(const QStringList& arguments);
    void disconnectKashflow();
    void disconnectFortnox();
    void runTransfers(const QList<int>& ids);

    void print(const QString& line);
    void printJson(const QJsonArray& array);
    void fail(const QString& message, int exitCode = 1);
    void succeed();

    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<TransferJournal> m_journal;
    Store* m_store = nullptr;
    TransferQueue* m_queue = nullptr;
    std::unique_ptr<QTextStream> m_input;
    bool m_json = false;
    bool m_done = false;
};
