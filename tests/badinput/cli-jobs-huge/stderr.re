jobs
