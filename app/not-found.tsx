import { Link } from '@/components/ui/link';

export default function NotFound() {
  return (
    <main className="grid min-h-dvh place-items-center px-6">
      <div className="text-center">
        <p className="font-mono text-sm text-muted-foreground">404</p>
        <h1 className="mt-1 text-2xl font-semibold">There is no page here</h1>
        <Link href="/" className="mt-4 inline-block text-sm font-medium text-primary hover:underline">
          Back to the overview
        </Link>
      </div>
    </main>
  );
}
