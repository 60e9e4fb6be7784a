from local_servers import smtp_server, webhook_server

__all__ = ["smtp_server", "webhook_server"]
