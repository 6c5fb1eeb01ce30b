# Configuration of `jupyter lab --config=jupyter_course_config.py`, the README's course command.
from pathlib import Path

c = get_config()  # noqa: F821 (provided by Jupyter when it reads this file)

# The repository is the server's root (chapters, homework and data side by side), whatever the
# folder the command is started from.
c.ServerApp.root_dir = str(Path(__file__).resolve().parent)
# The address printed in the terminal (and opened in the browser) is the start-here notebook.
c.LabApp.default_url = "/lab/tree/notebooks/00_start_here.ipynb"
# Kernel channels encrypted with CurveZMQ keys (ipykernel supports it): no "Kernel is running over
# TCP without encryption" warning in the terminal.
c.KernelManager.transport_encryption = "auto"
# Voila's JupyterLab extension is not used by the course (`ircourse dashboard` runs Voila on its own);
# loaded, it turns a deprecation notice of jupyter_server into a DeprecationWarning in the terminal.
c.ServerApp.jpserver_extensions = {"voila.server_extension": False}
