"""Release records (发布管理): the changes a release groups, its plan, rollback, verification, acceptance."""
